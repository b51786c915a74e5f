using System.Globalization;
using Sweep.Worker.Trials;

namespace Sweep.Scheduler.Running;

/// <summary>A trial's hyperparameters in one short line for progress output, e.g. "lr=0.5 lambda=0.0001 hidden=500".</summary>
public static class TrialDescription
{
    public static string Of(TrialConfig config) => string.Create(CultureInfo.InvariantCulture,
        $"lr={config.LearningRate:G4} lambda={config.Lambda:G4} hidden={(config.Hidden.Count == 0 ? "none" : string.Join(',', config.Hidden))} epochs={config.Epochs} seed={config.Seed}");
}
