using System.Diagnostics;
using Npgsql;

namespace Sweep.Testing;

/// <summary>
/// A fresh database on the test PostgreSQL server for one test, dropped afterwards. The server comes from
/// $SWEEP_TEST_QUEUE (an Npgsql connection string, set by .ci/run); when unset, .ci/postgres-start is run, which
/// installs PostgreSQL from Debian's packages if needed and starts it on 127.0.0.1.
/// </summary>
public sealed class PostgresDatabase : IDisposable
{
    private static readonly Lazy<string> Server = new(FindServer);

    public PostgresDatabase()
    {
        Name = "sweep_test_" + Guid.NewGuid().ToString("N")[..12];
        Execute($"CREATE DATABASE {Name}");
        ConnectionString = new NpgsqlConnectionStringBuilder(Server.Value) { Database = Name, Pooling = false }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>Npgsql connection string of this test's database, with the password (tests only).</summary>
    public string ConnectionString { get; }

    /// <summary>The password of the server, to check that nothing prints it.</summary>
    public static string Password => new NpgsqlConnectionStringBuilder(Server.Value).Password ?? "";

    /// <summary>Restarts the server (as root, with Debian's pg_ctlcluster), as an administrator or a crash would.</summary>
    public static void RestartServer()
    {
        var cluster = Run("pg_lsclusters", "-h").Split('\n', StringSplitOptions.RemoveEmptyEntries)[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Run("pg_ctlcluster", cluster[0], cluster[1], "restart");
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Execute($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server.Value) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static string FindServer()
    {
        var configured = Environment.GetEnvironmentVariable("SWEEP_TEST_QUEUE");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        return Run(Path.Combine(Repository.Root, ".ci", "postgres-start")).Trim();
    }

    private static string Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result}");
        return output.Result;
    }
}
