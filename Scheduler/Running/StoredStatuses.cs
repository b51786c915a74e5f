using Microsoft.Data.Sqlite;

namespace Sweep.Scheduler.Running;

/// <summary>
/// The stored status of trials, read without changing anything: `run --dry-run` marks the trials that already have
/// a result, and must neither create a results file nor migrate one (ResultsStore.Open does both).
/// </summary>
public static class StoredStatuses
{
    /// <summary>Status text ("completed", "failed"…) by trial hash; empty when there is no results file.</summary>
    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path)) return statuses;
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT hash, status FROM trials";
            using var reader = command.ExecuteReader();
            while (reader.Read()) statuses[reader.GetString(0)] = reader.GetString(1);
            return statuses;
        }
        catch (SqliteException error)
        {
            throw new UsageException($"{path}: cannot read it as a results file ({error.Message})");
        }
    }
}
