using Sweep.Engine.Training;
using Sweep.Trials;

namespace Sweep.Coordinator.Tests.Running;

/// <summary>
/// A trial runner that trains nothing: it reports every epoch of the trial with fixed metrics (val_acc grows with the
/// learning rate, so the ranking is known) and completes, unless the script decides the trial's outcome first (returns
/// one, or throws as a failing trial would). Records every trial it was asked to run.
/// </summary>
public sealed class ScriptedTrialRunner(Func<TrialConfig, TrialOutcome?>? script = null) : ITrialRunner
{
    public List<string> Runs { get; } = [];

    public static double ValAccOf(TrialConfig config) => 0.5 + config.LearningRate / 10;

    public TrialOutcome Run(string trialHash, TrialConfig config, Action<EpochMetrics> onEpoch, CancellationToken cancellation)
    {
        Runs.Add(trialHash);
        if (script?.Invoke(config) is { } scripted) return scripted;
        var valAcc = ValAccOf(config);
        for (var epoch = 1; epoch <= config.Epochs; epoch++)
        {
            cancellation.ThrowIfCancellationRequested();
            onEpoch(new EpochMetrics(epoch, 0.5 / epoch, 0.4 / epoch, valAcc, 0.1));
        }
        return new TrialOutcome(TrialStatus.Completed, null, 0.25, 0.3, valAcc, 0.31, valAcc - 0.005, 0.01, config.Epochs);
    }
}
