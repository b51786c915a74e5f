using Dapper;
using Microsoft.Data.Sqlite;
using Sweep.Results.Storage;
using Sweep.Trials;

namespace Sweep.Results;

/// <summary>
/// The stored status of every trial, read without changing anything: `run --dry-run` marks the trials that already
/// have a result, and must neither create a results file nor migrate one (ResultsStore.Open does both). A path that is
/// not a results file, or cannot be read, is refused with the same one line as ResultsStore.Open gives.
/// </summary>
public static class StoredTrialStatuses
{
    /// <summary>Status by trial hash; empty when there is no results file yet.</summary>
    public static IReadOnlyDictionary<string, TrialStatus> Read(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath) && !Directory.Exists(fullPath)) return new Dictionary<string, TrialStatus>();
        ResultsFileErrors.CheckBeforeOpen(fullPath);
        try
        {
            return ReadWith(fullPath, SqliteOpenMode.ReadWrite);
        }
        catch (SqliteException)
        {
            // A file this user may only read: read it read-only (SQLite then leaves a WAL file's -wal and -shm behind).
            try
            {
                return ReadWith(fullPath, SqliteOpenMode.ReadOnly);
            }
            catch (SqliteException error)
            {
                throw ResultsFileErrors.Translate(fullPath, error);
            }
        }
    }

    /// <summary>
    /// Only reads. Read-write (never create) is tried first because the last connection to a WAL file then removes
    /// the -wal and -shm files it made, leaving the folder as it found it.
    /// </summary>
    private static Dictionary<string, TrialStatus> ReadWith(string fullPath, SqliteOpenMode mode)
    {
        var statuses = new Dictionary<string, TrialStatus>(StringComparer.Ordinal);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = fullPath, Mode = mode, Pooling = false }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var tables = connection.Query<string>(ResultsSql.TableNames).ToList();
        ResultsFileErrors.RefuseForeignDatabase(fullPath, tables);
        if (!tables.Contains("trials")) return statuses;
        var version = connection.ExecuteScalar<int>(ResultsSql.SchemaVersion);
        if (version > Migrations.Latest) throw new SchemaVersionException(fullPath, version, Migrations.Latest);
        foreach (var (hash, status) in connection.Query<(string Hash, string Status)>(ResultsSql.TrialStatuses)) statuses[hash] = StatusText.Parse(status);
        return statuses;
    }
}
