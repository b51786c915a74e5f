using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Npgsql;
using Sweep.Trials;

namespace Sweep.Queue;

/// <summary>
/// Opens one connection to the queue before anything else touches it, because Hangfire's storage retries a failed
/// login or a missing database silently for minutes. A refused login (SQLSTATE class 28), a missing database (3D000)
/// or another setting the server rejects is bad input: a <see cref="UsageException"/> naming --queue, at once. A
/// server that does not answer (refused port, unknown or silent host, a server starting up) may be a blip: that is
/// said at once, retried for a bounded time that is printed, then a <see cref="TrialStoreException"/> (exit 1).
/// Non-goal: watching the queue after the start; <see cref="StorageRetry"/> does that for each storage call.
/// </summary>
public static class QueueProbe
{
    /// <summary>Seconds to keep retrying an unreachable queue; a hook for tests, like $SWEEP_RESULTS_LOCK_WAIT.</summary>
    public const string WaitVariable = "SWEEP_QUEUE_CONNECT_WAIT";

    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(60);

    /// <summary>How long one attempt waits for a silent host (a firewall that drops packets answers nothing).</summary>
    private const int ConnectTimeoutSeconds = 5;

    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(1);

    /// <summary>Returns once the queue accepts a connection; throws as the summary says; cancellation ends the wait.</summary>
    public static void Check(QueueConnection queue, TextWriter log, CancellationToken cancellation, TimeSpan? wait = null)
    {
        var budget = wait ?? WaitFromEnvironment();
        var clock = Stopwatch.StartNew();
        string? problem = null;
        while (true)
        {
            var now = TryOpen(queue, cancellation);
            if (now is null)
            {
                if (problem is not null) log.WriteLine($"sweep: queue {queue.Redacted} reachable again");
                return;
            }
            if (problem is null) log.WriteLine($"sweep: queue {queue.Redacted} unreachable ({now}); retrying for {Seconds(budget)} s (Ctrl-C to stop)");
            else if (now != problem) log.WriteLine($"sweep: queue {queue.Redacted} still unreachable ({now})");
            problem = now;
            var left = budget - clock.Elapsed;
            if (left <= TimeSpan.Zero)
                throw new TrialStoreException($"--queue: {queue.Redacted} still unreachable after {Seconds(budget)} s ({problem})");
            cancellation.WaitHandle.WaitOne(left < Pause ? left : Pause);
            cancellation.ThrowIfCancellationRequested();
        }
    }

    /// <summary>$SWEEP_QUEUE_CONNECT_WAIT seconds, else <see cref="DefaultWait"/>; a value that is not a number is ignored.</summary>
    public static TimeSpan WaitFromEnvironment() => EnvironmentSeconds.Read(WaitVariable, DefaultWait);

    /// <summary>Null when a connection opened; the reason when the server could not be reached; throws when it refused us.</summary>
    private static string? TryOpen(QueueConnection queue, CancellationToken cancellation)
    {
        var builder = new NpgsqlConnectionStringBuilder(queue.ConnectionString) { Pooling = false, Timeout = ConnectTimeoutSeconds };
        try
        {
            using var connection = new NpgsqlConnection(builder.ConnectionString);
            connection.OpenAsync(cancellation).GetAwaiter().GetResult();
            return null;
        }
        catch (PostgresException refused) when (refused.SqlState.StartsWith("28", StringComparison.Ordinal))
        {
            throw new UsageException($"--queue: {queue.Redacted} refused the login ({refused.MessageText}); check the user and password");
        }
        catch (PostgresException refused) when (refused.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            throw new UsageException($"--queue: {queue.Redacted}: the server has no database '{builder.Database}'; create it or name another");
        }
        catch (PostgresException busy) when (busy.IsTransient)
        {
            return $"{busy.MessageText}, SQLSTATE {busy.SqlState}";
        }
        catch (PostgresException refused)
        {
            throw new TrialStoreException($"--queue: {queue.Redacted} refused the connection ({refused.MessageText}, SQLSTATE {refused.SqlState})");
        }
        catch (Exception error) when (!cancellation.IsCancellationRequested && NetworkReason(error) is { } reason)
        {
            return reason;
        }
        catch (NpgsqlException rejected) when (!cancellation.IsCancellationRequested)
        {
            // Not the network and not the server's refusal: a setting on our side (SSL mode, a missing password).
            throw new UsageException($"--queue: {queue.Redacted}: {ErrorText.FirstLine(rejected.Message)}");
        }
    }

    /// <summary>Why the server could not be reached, in words (no .NET type name), or null when it is something else.</summary>
    private static string? NetworkReason(Exception error)
    {
        for (var cause = error; cause is not null; cause = cause.InnerException)
        {
            if (cause is SocketException socket) return ErrorText.FirstLine(socket.Message);
            if (cause is TimeoutException) return $"no answer within {ConnectTimeoutSeconds} s";
            if (cause is IOException io && cause.InnerException is null) return ErrorText.FirstLine(io.Message);
        }
        return error is NpgsqlException { IsTransient: true } transient ? ErrorText.FirstLine(transient.Message) : null;
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture);
}
