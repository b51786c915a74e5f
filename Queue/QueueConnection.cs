using Npgsql;
using Sweep.Trials;

namespace Sweep.Queue;

/// <summary>
/// Where the shared queue lives: `--queue`, else $SWEEP_QUEUE, as an Npgsql connection string or a
/// postgres://user:password@host:port/database URL. <see cref="Redacted"/> is the only form ever printed or logged:
/// anyone who can write the queue database can schedule work, so its password never leaves this type.
/// </summary>
public sealed class QueueConnection
{
    public const string EnvironmentVariable = "SWEEP_QUEUE";

    private QueueConnection(NpgsqlConnectionStringBuilder builder)
    {
        ConnectionString = builder.ConnectionString;
        Redacted = $"postgres://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}";
    }

    public string ConnectionString { get; }

    /// <summary>user@host:port/database, without the password.</summary>
    public string Redacted { get; }

    /// <summary>The queue named by the option or the environment, or null for the embedded in-process queue.</summary>
    public static QueueConnection? Resolve(string? option)
    {
        var text = !string.IsNullOrWhiteSpace(option) ? option : Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(text) ? null : Parse(text);
    }

    /// <summary>Like <see cref="Resolve"/>, for commands that cannot run without a shared queue.</summary>
    public static QueueConnection Require(string? option, string command) =>
        Resolve(option) ?? throw new UsageException($"{command} needs a queue: pass --queue CONN or set {EnvironmentVariable}");

    public static QueueConnection Parse(string text)
    {
        var trimmed = text.Trim();
        var builder = trimmed.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            ? FromUrl(trimmed)
            : FromConnectionString(trimmed);
        if (string.IsNullOrEmpty(builder.Host)) throw new UsageException("--queue: the connection names no host (expected Host=... or postgres://user@host/db)");
        if (string.IsNullOrEmpty(builder.Database)) builder.Database = "postgres";
        return new QueueConnection(builder);
    }

    private static NpgsqlConnectionStringBuilder FromUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new UsageException("--queue: not a valid postgres:// URL (expected postgres://user:password@host:port/database)");
        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host, Port = uri.Port > 0 ? uri.Port : 5432 };
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0) builder.Database = database;
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2) builder.Password = Uri.UnescapeDataString(parts[1]);
        }
        return builder;
    }

    private static NpgsqlConnectionStringBuilder FromConnectionString(string text)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(text);
        }
        catch (ArgumentException error)
        {
            // The builder's message may quote the text, password included: name only the rule that failed.
            var key = error.ParamName ?? "a key";
            throw new UsageException($"--queue: not a valid connection string or postgres:// URL (problem with {key})");
        }
    }
}
