using Sweep.Results.Reports;
using Sweep.Trials;

namespace Sweep.Results.Tests.Reports;

public sealed class SweepReportTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void Build_RanksConfigurationsByMeanMetric_UsingTheSweepsGoal()
    {
        var report = ReportFixture.Report();

        Assert.Equal((Metric.ValAcc, Goal.Maximize), (report.Metric, report.Goal));
        Assert.Equal(new[] { (0.5, 1e-4), (0.5, 1e-3), (0.1, 1e-3), (0.1, 1e-4) },
            report.Groups.Select(group => (group.Config.LearningRate, group.Config.Lambda)));
        Assert.Equal(new[] { 1, 2, 3, 4 }, report.Groups.Select(group => group.Rank));
        Assert.Equal((6, 4), (report.RankedTrials, report.GroupCount));
    }

    [Fact]
    public void Build_GroupsRepeatsThatDifferOnlyBySeed_AsMeanAndSampleStd()
    {
        var report = ReportFixture.Report();

        var repeated = report.Groups.Single(group => group.Config.LearningRate == 0.1 && group.Config.Lambda == 1e-4);
        Assert.Equal(2, repeated.N);
        Assert.Equal(new ulong[] { 1, 2 }, repeated.Seeds);
        Assert.Equal(0.91, repeated.Mean, Tolerance);
        Assert.Equal(Math.Sqrt(0.0002), repeated.Std!.Value, Tolerance);
        Assert.False(repeated.Parameters.ContainsKey("seed"));

        var single = report.Groups[0];
        Assert.Equal((1, 0.97, (double?)null), (single.N, single.Mean, single.Std));
    }

    [Fact]
    public void Build_WithAnOverriddenGoal_RanksTheOtherWay_AndTopKeepsTheFirstN()
    {
        var report = ReportFixture.Report(goal: "minimize", top: 2);

        Assert.Equal(new[] { 0.91, 0.94 }, report.Groups.Select(group => Math.Round(group.Mean, 9)));
        Assert.Equal(4, report.GroupCount);
        Assert.Equal(0.91, report.Best!.Mean, Tolerance);
    }

    [Fact]
    public void Build_WithAnOverriddenMetric_TakesThatMetricsNaturalGoal()
    {
        var report = ReportFixture.Report(metric: "val_loss");

        Assert.Equal(Goal.Minimize, report.Goal);
        Assert.Equal(0.03, report.Best!.Mean, Tolerance);
    }

    [Fact]
    public void Build_NamesTheBestConfiguration()
    {
        var best = ReportFixture.Report().Best!;

        Assert.Equal((0.5, 1e-4, 0.97), (best.Config.LearningRate, best.Config.Lambda, best.Mean));
        Assert.Equal(0.5, best.Parameters["lr"]);
        Assert.Equal("none", best.Parameters["hidden"]);
    }

    [Fact]
    public void Build_GivesTheMarginalMeanOfEveryHyperparameterThatVaries()
    {
        var report = ReportFixture.Report();

        Assert.Equal(new[] { "lambda", "lr" }, report.VaryingParameters);
        var lr = report.Marginals.Single(marginal => marginal.Parameter == "lr");
        Assert.Equal(new object[] { 0.1, 0.5, 1.0 }, lr.Values.Select(value => value.Value));
        Assert.Equal(new[] { 4, 2, 0 }, lr.Values.Select(value => value.N));
        Assert.Equal(0.925, lr.Values[0].Mean!.Value, Tolerance);
        Assert.Equal(0.965, lr.Values[1].Mean!.Value, Tolerance);
        Assert.Null(lr.Values[2].Mean);
        var lambda = report.Marginals.Single(marginal => marginal.Parameter == "lambda");
        Assert.Equal(new object[] { 1e-4, 1e-3 }, lambda.Values.Select(value => value.Value));
        Assert.Equal(0.93, lambda.Values[0].Mean!.Value, Tolerance);
    }

    [Fact]
    public void Build_BinsAContinuousParameterWithManyValues_IntoFourEqualCountRangesInsteadOfARowPerDraw()
    {
        // A random sweep's 20 draws of lr: one row each would be as long as the ranking.
        var rows = Enumerable.Range(0, 20).Select(index =>
        {
            var lr = 0.001 * Math.Pow(1.3, index) + 1e-7 * index; // distinct, long fractions as draws are
            var config = Fixtures.Config(lr, 1e-4, 1);
            return new TrialRow(index, config.Hash(Fixtures.DatasetChecksum), config, TrialStatus.Completed, null, "w", 1, null, null, 1.0, 3,
                0.2, 0.2, 0.5 + index / 100.0, 0.3, 0.5, null, null, null, null);
        }).ToList();

        var report = SweepReport.Build(ReportFixture.Sweep, rows, ReportOptions.For(ReportFixture.Sweep));

        var lr = Assert.Single(report.Marginals);
        Assert.Equal(4, lr.Values.Count);
        Assert.All(lr.Values, bin => Assert.Equal(5, bin.N));
        Assert.Equal(0.52, lr.Values[0].Mean!.Value, Tolerance); // draws 0–4: val_acc 0.50 … 0.54
        Assert.Equal("0.001..0.0028565", lr.Values[0].Value);
        Assert.Equal(rows[0].Config.LearningRate, lr.Values[0].Low);
        Assert.Equal(rows[4].Config.LearningRate, lr.Values[0].High);
        Assert.True(lr.Values[0].High < lr.Values[1].Low);
    }

    [Fact]
    public void Build_CountsEveryStatus_AndListsFailedAndDivergedTrialsWithoutRankingThem()
    {
        var report = ReportFixture.Report();

        Assert.Equal(new StatusCounts(1, 0, 6, 1, 1, 0), report.Counts);
        Assert.Equal(new[] { TrialStatus.Diverged, TrialStatus.Failed }, report.Failures.Select(failure => failure.Status));
        Assert.Equal("IOException: disk full", report.Failures[1].Error);
        Assert.DoesNotContain(report.Groups, group => group.Hashes.Contains(report.Failures[0].Hash));
    }

    [Fact]
    public void Build_OfASweepWithNoResults_HasNoGroupsAndNoBest()
    {
        var report = SweepReport.Build(ReportFixture.Sweep, ReportFixture.Rows.Where(row => row.Status != TrialStatus.Completed).ToList(),
            ReportOptions.For(ReportFixture.Sweep));

        Assert.Empty(report.Groups);
        Assert.Null(report.Best);
    }

    [Theory]
    [InlineData("accuracy", null, null, "unknown metric 'accuracy'")]
    [InlineData(null, "up", null, "unknown goal 'up'")]
    [InlineData(null, null, 0, "--top must be at least 1, got 0")]
    public void ReportOptions_RejectBadInput_NamingTheRuleAndTheValue(string? metric, string? goal, int? top, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => ReportOptions.For(ReportFixture.Sweep, metric, goal, top));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void ReportOptions_ReportEveryProblemAtOnce()
    {
        var error = Assert.Throws<ArgumentException>(() => ReportOptions.For(ReportFixture.Sweep, "accuracy", "up", -1));

        Assert.Equal("unknown metric 'accuracy': expected one of val_acc, val_loss, test_acc, test_loss, train_loss; " +
                     "unknown goal 'up': expected maximize or minimize; --top must be at least 1, got -1", error.Message);
    }
}
