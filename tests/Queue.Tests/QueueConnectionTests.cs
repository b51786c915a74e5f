using Npgsql;
using Sweep.Trials;

namespace Sweep.Queue.Tests;

/// <summary>
/// `--queue` values as a user types them: Npgsql connection strings and postgres:// URLs. The password reaches the
/// connection string and nothing else: not the redacted form that is printed, not any error message.
/// What the executable does with a bad one (exit 2, one line on stderr) is Cli.Tests' QueueConnectionTests.
/// </summary>
public sealed class QueueConnectionTests
{
    private const string Password = "s3cr3t-pw";

    [Theory]
    [InlineData("Host=db.example;Username=alice;Password=s3cr3t-pw;Database=sweeps", "postgres://alice@db.example:5432/sweeps")]
    [InlineData("  Host=db.example;Port=6543;Username=alice;Password=s3cr3t-pw  ", "postgres://alice@db.example:6543/postgres")]
    [InlineData("postgres://alice:s3cr3t-pw@db.example:6543/sweeps", "postgres://alice@db.example:6543/sweeps")]
    [InlineData("postgresql://alice:s3cr3t-pw@db.example/sweeps", "postgres://alice@db.example:5432/sweeps")]
    [InlineData("POSTGRES://alice:s3cr3t-pw@db.example", "postgres://alice@db.example:5432/postgres")]
    public void Parse_AcceptsConnectionStringsAndUrls_AndRedactsThePassword(string text, string redacted)
    {
        var queue = QueueConnection.Parse(text);

        Assert.Equal(redacted, queue.Redacted);
        Assert.Equal(Password, new NpgsqlConnectionStringBuilder(queue.ConnectionString).Password);
    }

    [Fact]
    public void Parse_OfAUrl_UnescapesTheUserThePasswordAndTheDatabase()
    {
        var queue = QueueConnection.Parse("postgres://al%40ice:p%40ss%3Aword@db.example:5433/my%20db");

        var builder = new NpgsqlConnectionStringBuilder(queue.ConnectionString);
        Assert.Equal(("al@ice", "p@ss:word", "db.example", 5433, "my db"), (builder.Username, builder.Password, builder.Host, builder.Port, builder.Database));
        Assert.DoesNotContain("p@ss", queue.Redacted);
    }

    [Theory]
    [InlineData("postgres://user:s3cr3t-pw@", "--queue: not a valid postgres:// URL")]
    [InlineData("postgres://user:s3cr3t-pw@:5432/db", "--queue: not a valid postgres:// URL")]
    [InlineData("Host=;Password=s3cr3t-pw", "--queue: the connection names no host")]
    [InlineData("Password=s3cr3t-pw;Database=q", "--queue: the connection names no host")]
    [InlineData("Hots=127.0.0.1;Password=s3cr3t-pw", "--queue: not a valid connection string or postgres:// URL")]
    [InlineData("Host=127.0.0.1;Port=s3cr3t-pw", "--queue: not a valid connection string or postgres:// URL")]
    [InlineData("s3cr3t-pw", "--queue: not a valid connection string or postgres:// URL")]
    public void Parse_RefusesABadQueue_NamingTheOption_WithoutThePassword(string text, string expected)
    {
        var error = Assert.Throws<UsageException>(() => QueueConnection.Parse(text));

        Assert.StartsWith(expected, error.Message);
        Assert.DoesNotContain(Password, error.Message);
        Assert.DoesNotContain("Exception", error.Message);
    }

    [Fact]
    public void Resolve_PrefersTheOption_ToTheEnvironment_AndRequireSaysHowToNameAQueue()
    {
        var saved = Environment.GetEnvironmentVariable(QueueConnection.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(QueueConnection.EnvironmentVariable, null);
            Assert.Null(QueueConnection.Resolve(null));
            Assert.Null(QueueConnection.Resolve("   "));
            var missing = Assert.Throws<UsageException>(() => QueueConnection.Require(null, "sweep worker"));
            Assert.Equal("sweep worker needs a queue: pass --queue CONN or set SWEEP_QUEUE", missing.Message);

            Environment.SetEnvironmentVariable(QueueConnection.EnvironmentVariable, "postgres://env@from-environment/q");
            Assert.Equal("postgres://env@from-environment:5432/q", QueueConnection.Resolve(null)?.Redacted);
            Assert.Equal("postgres://opt@from-option:5432/q", QueueConnection.Require("postgres://opt@from-option/q", "sweep worker").Redacted);
        }
        finally
        {
            Environment.SetEnvironmentVariable(QueueConnection.EnvironmentVariable, saved);
        }
    }
}
