using Sweep.Trials;
using Sweep.Results;

namespace Sweep.Testing;

/// <summary>Small sweeps and trials to store.</summary>
public static class Fixtures
{
    public const string DatasetChecksum = "0123abcd";

    public static SweepRecord Sweep(string name = "lr-lambda", string metric = "val_acc", string goal = "maximize") =>
        new(name, $"sweeps/{name}.yaml", "grid", metric, goal, """{"name":"lr-lambda"}""");

    public static TrialConfig Config(double lr = 0.1, double lambda = 1e-4, ulong seed = 1, params int[] hidden) =>
        new() { LearningRate = lr, Lambda = lambda, Seed = seed, Hidden = hidden, Epochs = 3 };

    public static PlannedTrial Planned(TrialConfig config) => PlannedTrial.Of(config, DatasetChecksum);

    public static IReadOnlyList<PlannedTrial> Grid(params double[] learningRates) =>
        learningRates.Select(lr => Planned(Config(lr))).ToList();

    public static TrialOutcome Completed(double valAcc, double seconds = 1.5, int epochs = 3) =>
        new(TrialStatus.Completed, null, 0.25, 0.3, valAcc, 0.31, valAcc - 0.005, seconds, epochs);

    /// <summary>
    /// The worker name ("host:pid") of a process of this host that has exited: what a SIGKILLed run leaves on its trials.
    /// Its leases need not be waited out.
    /// </summary>
    public static string DeadWorker { get; } = ExitedProcessWorker();

    private static string ExitedProcessWorker()
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return $"{Environment.MachineName}:{process.Id}";
    }
}
