using System.Globalization;
using Sweep.Results;
using Sweep.Results.Reports;
using Sweep.Trials;

namespace Sweep.Coordinator.Running;

/// <summary>
/// Turns consecutive snapshots into trial events — started (with its attempt when retried), each epoch, and the end
/// with its outcome, metric and time — by comparing each trial's stored state with the one seen before. A trial that
/// ran several epochs, or started and ended, between two polls still gets its last epoch line and its end line, so the
/// stream is the same whether polls come fast or slow. Also counts the epochs trained this run, for the ETA. An epoch
/// that runs long (a 1-epoch trial, a wide net) gets a line with how far it has come every <see cref="WithinEpochEvery"/>,
/// from the in-process <see cref="EpochProgressBoard"/>; quick epochs get none.
/// </summary>
public sealed class ProgressTracker(Metric metric, EpochProgressBoard? board = null)
{
    private static readonly TimeSpan WithinEpochEvery = TimeSpan.FromSeconds(5);
    private readonly Dictionary<string, TimeSpan> _lastLine = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Seen> _seen = new(StringComparer.Ordinal);
    private bool _first = true;

    public int EpochsTrained { get; private set; }

    /// <summary>The events since the previous snapshot, as lines without the clock prefix.</summary>
    public IReadOnlyList<string> Advance(ProgressSnapshot snapshot)
    {
        var events = new List<string>();
        foreach (var row in snapshot.Rows)
        {
            var now = new Seen(row.Status, row.Attempt, EpochOf(row));
            if (!_seen.TryGetValue(row.Hash, out var before))
            {
                _seen[row.Hash] = now;
                // Outcomes from earlier runs are not news; a trial already running when the run starts is.
                if (!_first || row.Status != TrialStatus.Running) continue;
                before = new Seen(TrialStatus.Pending, row.Attempt, 0);
            }
            if (now == before)
            {
                if (now.Status == TrialStatus.Running && WithinEpoch(row, now.Epoch, snapshot.Elapsed) is { } line) events.Add(line);
                continue;
            }
            if (now.Status == TrialStatus.Running) _lastLine[row.Hash] = snapshot.Elapsed;
            var newAttempt = now.Attempt != before.Attempt;
            var wasRunning = before.Status == TrialStatus.Running && !newAttempt;
            if (now.Status == TrialStatus.Running || now.Status.IsEnded())
            {
                if (!wasRunning && (now.Status == TrialStatus.Running || newAttempt || before.Status != now.Status))
                    events.Add(Started(row));
                var from = wasRunning ? before.Epoch : 0;
                if (now.Epoch > from)
                {
                    EpochsTrained += now.Epoch - from;
                    events.Add(EpochLine(row, now.Epoch));
                }
                if (now.Status.IsEnded()) events.Add(Ended(row));
            }
            _seen[row.Hash] = now;
        }
        _first = false;
        return events;
    }

    /// <summary>"epoch 1/1  45%  hash  train_loss 0.4123" when the trial's last line is older than WithinEpochEvery.</summary>
    private string? WithinEpoch(TrialRow row, int epochsDone, TimeSpan elapsed)
    {
        if (board?.Within(row.Hash, epochsDone) is not { } progress) return null;
        if (_lastLine.TryGetValue(row.Hash, out var last) && elapsed - last < WithinEpochEvery) return null;
        _lastLine[row.Hash] = elapsed;
        return string.Create(CultureInfo.InvariantCulture,
            $"epoch {progress.Epoch}/{row.Config.Epochs}  {TrialHashText.Short(row.Hash)}  {progress.Fraction * 100:F0}%  train_loss {Metric.TrainLoss.Format(progress.TrainLoss)}");
    }

    /// <summary>A running trial's latest stored epoch; a finished one's final count.</summary>
    private static int EpochOf(TrialRow row) => row.Status == TrialStatus.Running ? row.LatestEpoch ?? 0 : row.EpochsDone ?? row.LatestEpoch ?? 0;

    private static string Started(TrialRow row) =>
        $"started  {TrialHashText.Short(row.Hash)}  {TrialDescription.Of(row.Config)}{(row.Attempt > 1 ? $"  (attempt {row.Attempt})" : "")}";

    private static string EpochLine(TrialRow row, int epoch)
    {
        var accuracy = row.Status == TrialStatus.Running ? row.LatestValAcc : row.ValAcc ?? row.LatestValAcc;
        return string.Create(CultureInfo.InvariantCulture,
            $"epoch {epoch}/{row.Config.Epochs}  {TrialHashText.Short(row.Hash)}  val_acc {Metric.ValAcc.Format(accuracy)}");
    }

    private string Ended(TrialRow row)
    {
        var status = row.Status.Name();
        var seconds = row.Seconds is { } value ? "  " + ReportText.Seconds(value) : "";
        var detail = row.Status switch
        {
            TrialStatus.Completed => $"{metric.Name} {metric.Format(metric.ValueOf(row))}",
            TrialStatus.Interrupted => $"after epoch {EpochOf(row)}/{row.Config.Epochs}",
            _ => ErrorText.FirstLine(row.Error),
        };
        return $"{status}  {TrialHashText.Short(row.Hash)}  {detail}{seconds}";
    }



    private readonly record struct Seen(TrialStatus Status, int Attempt, int Epoch);
}
