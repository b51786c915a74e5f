using System.Globalization;

namespace Sweep.Scheduler.Running;

/// <summary>
/// Progress for logs and pipes: a line when a trial starts, finishes an epoch or ends, derived by comparing
/// consecutive snapshots, so the output is the same whether updates come fast or slow.
/// </summary>
public sealed class PlainRunView(TextWriter output) : IRunView
{
    private readonly Dictionary<string, int> _epochs = new();
    private int _done = -1;
    private int _failed = -1;

    public void Update(ProgressSnapshot snapshot)
    {
        var clock = Clock(snapshot.Elapsed);
        foreach (var trial in snapshot.Running)
        {
            if (!_epochs.TryGetValue(trial.Hash, out var seen))
            {
                output.WriteLine($"[{clock}] started  {Short(trial.Hash)}  {trial.Parameters}");
                seen = 0;
            }
            if (trial.Epoch > seen)
                output.WriteLine(FormattableString.Invariant(
                    $"[{clock}] epoch {trial.Epoch}/{trial.Epochs}  {Short(trial.Hash)}  val_acc {trial.ValAcc * 100:F2}%"));
            _epochs[trial.Hash] = Math.Max(seen, trial.Epoch);
        }
        foreach (var gone in _epochs.Keys.Except(snapshot.Running.Select(trial => trial.Hash)).ToList()) _epochs.Remove(gone);
        if (snapshot.Done != _done || snapshot.Failed != _failed)
        {
            output.WriteLine($"[{clock}] {Summary(snapshot)}");
            (_done, _failed) = (snapshot.Done, snapshot.Failed);
        }
        output.Flush();
    }

    public void Finish(ProgressSnapshot snapshot)
    {
        output.WriteLine($"[{Clock(snapshot.Elapsed)}] finished: {Summary(snapshot)}");
        output.Flush();
    }

    internal static string Summary(ProgressSnapshot snapshot)
    {
        var eta = snapshot.Eta is { } value && snapshot.RemainingThisRun > 0 ? $"  eta {Clock(value)}" : "";
        var best = snapshot.Best is null ? "" : $"  best {snapshot.Best}";
        return string.Create(CultureInfo.InvariantCulture,
            $"{snapshot.Sweep}: {snapshot.Done}/{snapshot.Total} done, {snapshot.Failed} failed, {snapshot.Running.Count} running{eta}{best}");
    }

    internal static string Clock(TimeSpan time) => time.TotalHours >= 1
        ? time.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : time.ToString(@"mm\:ss", CultureInfo.InvariantCulture);

    internal static string Short(string hash) => hash[..Math.Min(10, hash.Length)];
}
