using Npgsql;
using Sweep.Trials;

namespace Sweep.Queue.Tests;

/// <summary>
/// <see cref="QueueProbe"/> against a real PostgreSQL on 127.0.0.1: what is bad input, what is an outage worth a
/// bounded wait, and that the wait ends on cancellation. The executable's exit codes are Cli.Tests' QueueFailFastTests.
/// </summary>
public sealed class QueueProbeTests
{
    private const string WrongPassword = "wr0ng-pw-4711";

    [Fact]
    public void Check_OfAGoodQueue_ReturnsWithoutALine()
    {
        using var database = new PostgresDatabase();
        var log = new StringWriter();

        QueueProbe.Check(QueueConnection.Parse(database.ConnectionString), log, CancellationToken.None, TimeSpan.Zero);

        Assert.Equal("", log.ToString());
    }

    [Fact]
    public void Check_WithAWrongPassword_IsBadInput_NamingQueueAndTheUser_WithoutThePassword()
    {
        using var database = new PostgresDatabase();
        var queue = QueueConnection.Parse(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Password = WrongPassword }.ConnectionString);

        var error = Assert.Throws<UsageException>(() => QueueProbe.Check(queue, TextWriter.Null, CancellationToken.None, TimeSpan.FromMinutes(10)));

        Assert.StartsWith($"--queue: postgres://postgres@127.0.0.1:5432/{database.Name} refused the login (password authentication failed for user \"postgres\")", error.Message);
        Assert.DoesNotContain(WrongPassword, error.Message);
    }

    [Fact]
    public void Check_OfAMissingDatabase_IsBadInput_NamingIt()
    {
        using var database = new PostgresDatabase();
        var queue = QueueConnection.Parse(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = database.Name + "_missing" }.ConnectionString);

        var error = Assert.Throws<UsageException>(() => QueueProbe.Check(queue, TextWriter.Null, CancellationToken.None, TimeSpan.FromMinutes(10)));

        Assert.Equal($"--queue: postgres://postgres@127.0.0.1:5432/{database.Name}_missing: the server has no database '{database.Name}_missing'; create it or name another", error.Message);
    }

    [Fact]
    public void Check_OfAClosedPort_SaysSoAtOnce_AndFailsAsAnOutage_OnceTheWaitIsSpent()
    {
        var log = new StringWriter();

        var error = Assert.Throws<TrialStoreException>(() => QueueProbe.Check(ClosedPort, log, CancellationToken.None, TimeSpan.Zero));

        Assert.Equal("sweep: queue postgres://postgres@127.0.0.1:1/postgres unreachable (Connection refused); retrying for 0 s (Ctrl-C to stop)", log.ToString().Trim());
        Assert.Equal("--queue: postgres://postgres@127.0.0.1:1/postgres still unreachable after 0 s (Connection refused)", error.Message);
    }

    [Fact]
    public void Check_OfAClosedPort_EndsItsWait_WhenCancelled()
    {
        using var cancel = new CancellationTokenSource();
        var log = new LineSignal("retrying for 600 s", cancel.Cancel);

        Assert.ThrowsAny<OperationCanceledException>(() => QueueProbe.Check(ClosedPort, log, cancel.Token, TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public void WaitFromEnvironment_ReadsSeconds_AndIgnoresAnythingElse()
    {
        var saved = Environment.GetEnvironmentVariable(QueueProbe.WaitVariable);
        try
        {
            Environment.SetEnvironmentVariable(QueueProbe.WaitVariable, "2.5");
            Assert.Equal(TimeSpan.FromSeconds(2.5), QueueProbe.WaitFromEnvironment());
            Environment.SetEnvironmentVariable(QueueProbe.WaitVariable, "soon");
            Assert.Equal(QueueProbe.DefaultWait, QueueProbe.WaitFromEnvironment());
        }
        finally
        {
            Environment.SetEnvironmentVariable(QueueProbe.WaitVariable, saved);
        }
    }

    /// <summary>Nothing listens on port 1 of this machine: a connection there is refused at once.</summary>
    private static QueueConnection ClosedPort => QueueConnection.Parse("Host=127.0.0.1;Port=1;Username=postgres;Password=" + WrongPassword);

    /// <summary>A log that runs an action when a line holding some text is written: "Ctrl-C" once the wait is announced.</summary>
    private sealed class LineSignal(string text, Action action) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.Contains(text, StringComparison.Ordinal) == true) action();
        }
    }
}
