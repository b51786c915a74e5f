using Dapper;
using Microsoft.Data.Sqlite;
using Sweep.Results.Storage;
using Sweep.Trials;

namespace Sweep.Results;

/// <summary>
/// What `run` needs to know before it opens the results file for writing, read without changing anything: the stored
/// status of every trial (`run --dry-run` marks the trials that already have a result) and a search's proposals so far.
/// It must neither create a results file nor migrate one (ResultsStore.Open does both). A path that is
/// not a results file, or cannot be read, is refused with the same one line as ResultsStore.Open gives.
/// </summary>
public static class StoredTrialStatuses
{
    /// <summary>Status by trial hash; empty when there is no results file yet.</summary>
    public static IReadOnlyDictionary<string, TrialStatus> Read(string path) =>
        ReadOnly(path, new Dictionary<string, TrialStatus>(StringComparer.Ordinal), connection =>
        {
            var statuses = new Dictionary<string, TrialStatus>(StringComparer.Ordinal);
            foreach (var (hash, status) in connection.Query<(string Hash, string Status)>(ResultsSql.TrialStatuses)) statuses[hash] = StatusText.Parse(status);
            return statuses;
        });

    /// <summary>The configurations of a sweep's trials in sweep order (a search's proposals so far); empty when there are none.</summary>
    public static IReadOnlyList<TrialConfig> Proposed(string path, string sweepName) =>
        ReadOnly<IReadOnlyList<TrialConfig>>(path, [], connection => connection
            .Query<string>(ResultsSql.SweepTrialConfigs, new { Sweep = sweepName }).Select(TrialConfig.FromCanonicalJson).ToList());

    /// <summary>
    /// <paramref name="query"/> on the results file, or <paramref name="empty"/> when there is none or it has no trials yet.
    /// Read-write (never create) is tried first because the last connection to a WAL file then removes the -wal and
    /// -shm files it made, leaving the folder as it found it; a file this user may only read is then read read-only
    /// (SQLite then leaves a WAL file's -wal and -shm behind).
    /// </summary>
    private static T ReadOnly<T>(string path, T empty, Func<SqliteConnection, T> query)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath) && !Directory.Exists(fullPath)) return empty;
        ResultsFileErrors.CheckBeforeOpen(fullPath);
        try
        {
            return ReadWith(fullPath, SqliteOpenMode.ReadWrite, empty, query);
        }
        catch (SqliteException)
        {
            try
            {
                return ReadWith(fullPath, SqliteOpenMode.ReadOnly, empty, query);
            }
            catch (SqliteException error)
            {
                throw ResultsFileErrors.Translate(fullPath, error);
            }
        }
    }

    private static T ReadWith<T>(string fullPath, SqliteOpenMode mode, T empty, Func<SqliteConnection, T> query)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = fullPath, Mode = mode, Pooling = false }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var tables = connection.Query<string>(ResultsSql.TableNames).ToList();
        ResultsFileErrors.RefuseForeignDatabase(fullPath, tables);
        if (!tables.Contains("trials")) return empty;
        var version = connection.ExecuteScalar<int>(ResultsSql.SchemaVersion);
        if (version > Migrations.Latest) throw new SchemaVersionException(fullPath, version, Migrations.Latest);
        return query(connection);
    }
}
