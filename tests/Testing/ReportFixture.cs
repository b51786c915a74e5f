using Sweep.Results.Reports;
using Sweep.Trials;
using Sweep.Results;

namespace Sweep.Testing;

/// <summary>
/// A 2×2 lr × lambda grid over seeds 1 and 2, plus one pending trial at lr 1.0:
///   lr 0.1, λ 1e-4: 0.90, 0.92      → 0.91 ± 0.0141
///   lr 0.1, λ 1e-3: 0.93, 0.95      → 0.94 ± 0.0141
///   lr 0.5, λ 1e-4: 0.97, diverged  → 0.97 (n 1)
///   lr 0.5, λ 1e-3: 0.96, failed    → 0.96 (n 1)
/// </summary>
public static class ReportFixture
{
    public static SweepRecord Sweep { get; } = Fixtures.Sweep();

    public static IReadOnlyList<TrialRow> Rows { get; } =
    [
        Row(0, 0.1, 1e-4, 1, TrialStatus.Completed, 0.90),
        Row(1, 0.1, 1e-4, 2, TrialStatus.Completed, 0.92),
        Row(2, 0.1, 1e-3, 1, TrialStatus.Completed, 0.93),
        Row(3, 0.1, 1e-3, 2, TrialStatus.Completed, 0.95),
        Row(4, 0.5, 1e-4, 1, TrialStatus.Completed, 0.97),
        Row(5, 0.5, 1e-4, 2, TrialStatus.Diverged, null, "loss became NaN at epoch 1"),
        Row(6, 0.5, 1e-3, 1, TrialStatus.Completed, 0.96),
        Row(7, 0.5, 1e-3, 2, TrialStatus.Failed, null, "IOException: disk full"),
        Row(8, 1.0, 1e-4, 1, TrialStatus.Pending, null),
    ];

    public static SweepReport Report(string? metric = null, string? goal = null, int? top = null) =>
        SweepReport.Build(Sweep, Rows, ReportOptions.For(Sweep, metric, goal, top));

    private static TrialRow Row(int position, double lr, double lambda, ulong seed, TrialStatus status, double? valAcc, string? error = null)
    {
        var config = Fixtures.Config(lr, lambda, seed);
        var done = status == TrialStatus.Completed;
        return new TrialRow(position, config.Hash(Fixtures.DatasetChecksum), config, status, error, done ? "w" : null, done ? 1 : 0,
            null, null, done ? 10.0 + position : null, done ? 3 : null,
            done ? 0.2 : null, done ? 1 - valAcc : null, valAcc, done ? 0.3 : null, valAcc - 0.01,
            null, null, null, null);
    }
}
