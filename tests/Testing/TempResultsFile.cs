using Microsoft.Data.Sqlite;
using Sweep.Results;

namespace Sweep.Testing;

/// <summary>A results file in a fresh temp folder (under a subfolder that does not exist yet); deleted afterwards.</summary>
public sealed class TempResultsFile : IDisposable
{
    private readonly string folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sweep-results-tests-" + Guid.NewGuid().ToString("N"));

    public string Path => System.IO.Path.Combine(folder, "nested", "results.db");

    public ResultsStore Open(TimeSpan? busyTimeout = null, TimeSpan? lease = null) => ResultsStore.Open(Path, busyTimeout, lease: lease);

    /// <summary>A plain connection, unpooled, as a second process (or the sqlite3 shell) would have.</summary>
    public SqliteConnection Connect(int defaultTimeoutSeconds = 30)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Pooling = false,
            DefaultTimeout = defaultTimeoutSeconds,
        }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Another program's connection holding the write lock (BEGIN EXCLUSIVE) until disposed.</summary>
    public SqliteConnection HoldWriteLock()
    {
        var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "BEGIN EXCLUSIVE";
        command.ExecuteNonQuery();
        return connection;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { } // a leftover temp folder is not worth failing a test for
    }
}
