using System.Globalization;
using Sweep.Trials;

namespace Sweep.Coordinator.Running;

/// <summary>
/// A trial's hyperparameters in one short line for progress output, e.g. "lr=0.5 lambda=0.0001 hidden=500", with
/// layers=conv5x5:16,pool2,fc:128 when the trial has a network spec.
/// </summary>
public static class TrialDescription
{
    /// <summary>The parameters worth a glance while a sweep runs; the rest are in the report.</summary>
    private static readonly HyperParameter[] Shown =
        [HyperParameters.LearningRate, HyperParameters.Lambda, HyperParameters.Hidden, HyperParameters.Epochs, HyperParameters.Seed];

    public static string Of(TrialConfig config) =>
        string.Join(' ', Shown.Concat(config.Get(HyperParameters.Layers).Count > 0 ? [HyperParameters.Layers] : [])
            .Select(parameter => $"{parameter.Name}={Short(parameter.ReportValue(config[parameter]))}"));

    /// <summary>Reals to 4 significant digits (a random draw such as 0.0004560966350253057 prints as 0.0004561).</summary>
    private static string Short(object value) => value is double number
        ? number.ToString("G4", CultureInfo.InvariantCulture)
        : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
}
