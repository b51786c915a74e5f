using System.Diagnostics;
using System.Globalization;
using Sweep.Results.Reports;
using Sweep.Trials;

namespace Sweep.Coordinator.Running;

/// <summary>
/// What a `sweep worker` process is doing, logged a line per event (a trial started, with its attempt when it is a
/// retry, and ended, with its outcome, metrics and time), and counted for `--count` and `--idle-exit`.
/// Called from Hangfire's worker threads, hence the lock.
/// </summary>
/// <param name="count">--count: after this many outcomes <see cref="CountReached"/> runs, on the thread of the last
/// job, before its Hangfire worker can fetch another job (which would only be interrupted and wait out its invisibility).</param>
public sealed class WorkerActivity(TextWriter log, int? count = null)
{
    private readonly object _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private TimeSpan _lastEvent;
    private int _running;

    /// <summary>Stops the server; set once it runs.</summary>
    public Action? CountReached { get; set; }

    /// <summary>Trials whose outcome this process recorded (any status).</summary>
    public int Ended { get { lock (_gate) return _ended; } }
    private int _ended;

    /// <summary>How long no trial has been running here; zero while one is.</summary>
    public TimeSpan IdleFor { get { lock (_gate) return _running > 0 ? TimeSpan.Zero : _clock.Elapsed - _lastEvent; } }

    public void Claimed(TrialClaim claim)
    {
        lock (_gate)
        {
            _attempts[claim.TrialHash] = claim.Attempt;
            _running++;
            _lastEvent = _clock.Elapsed;
        }
    }

    public void Started(string trialHash, TrialConfig config)
    {
        int attempt;
        lock (_gate) attempt = _attempts.GetValueOrDefault(trialHash, 1);
        Write($"started  {TrialHashText.Short(trialHash)}  {TrialDescription.Of(config)}{(attempt > 1 ? $"  (attempt {attempt})" : "")}");
    }

    public void Recorded(TrialClaim claim, TrialOutcome outcome, bool stored)
    {
        lock (_gate)
        {
            _attempts.Remove(claim.TrialHash);
            _running--;
            _ended++;
            _lastEvent = _clock.Elapsed;
        }
        var status = outcome.Status.Name();
        var detail = outcome.Status == TrialStatus.Completed
            ? $"val_acc {Metric.ValAcc.Format(outcome.ValAcc)}  test_acc {Metric.TestAcc.Format(outcome.TestAcc)}"
            : ErrorText.FirstLine(outcome.Error);
        var stale = stored ? "" : "  (not stored: the trial was handed to another worker)";
        Write($"{status}  {TrialHashText.Short(claim.TrialHash)}  {detail}  {ReportText.Seconds(outcome.Seconds)}{stale}");
        if (Ended >= count) CountReached?.Invoke();
    }

    public void Write(string line)
    {
        var clock = _clock.Elapsed.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);
        lock (_gate)
        {
            log.WriteLine($"[{clock}] {line}");
            log.Flush();
        }
    }
}
