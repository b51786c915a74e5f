using Sweep.Results;
using Sweep.Trials;

namespace Sweep.Cli.Tests.Commands;

/// <summary>Writes sweeps with pending trials into a results file through the product's own store, for the read-only commands.</summary>
public static class StoredSweeps
{
    /// <summary>A sweep named <paramref name="name"/> with one pending trial per learning rate.</summary>
    public static void Add(string resultsPath, string name, params double[] learningRates)
    {
        using var store = ResultsStore.Open(resultsPath);
        store.SyncSweep(new SweepRecord(name, null, "grid", "val_acc", "maximize", "{}"),
            learningRates.Select(rate => PlannedTrial.Of(new TrialConfig { LearningRate = rate }, "checksum")).ToArray());
    }
}
