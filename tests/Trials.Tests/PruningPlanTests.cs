using Sweep.Trials;

namespace Sweep.Trials.Tests;

/// <summary>The rung judgement by hand-computed cases: Optuna's successive-halving rule and its median rule.</summary>
public sealed class PruningPlanTests
{
    private static PruningPlan Plan(EarlyTerminationType type, Goal goal = Goal.Maximize, double eta = 3) =>
        new("s", goal == Goal.Maximize ? "val_acc" : "val_loss", goal, new EarlyTermination(type, 1, eta));

    [Theory]
    [InlineData(0.90, new double[0], false, 0.90)] // alone at the rung: the best of one
    [InlineData(0.80, new[] { 0.90 }, true, 0.90)] // fewer than eta: only the best goes on
    [InlineData(0.93, new[] { 0.99, 0.98, 0.97, 0.96, 0.95, 0.94, 0.92, 0.91 }, true, 0.97)] // top 3 of 9
    [InlineData(0.97, new[] { 0.99, 0.98, 0.96, 0.95, 0.94, 0.93, 0.92, 0.91 }, false, 0.97)] // the third of 9 goes on
    public void SuccessiveHalving_KeepsTheTopOneEtaOfTheTrialsAtTheRung(double value, double[] others, bool stop, double threshold)
    {
        var decision = Plan(EarlyTerminationType.Hyperband).Judge(3, value, others);
        Assert.Equal((3, value, threshold, others.Length + 1, stop), (decision.Rung, decision.Value, decision.Threshold, decision.Compared, decision.Stop));
    }

    [Fact]
    public void SuccessiveHalving_OfALoss_KeepsTheLowest()
    {
        var plan = Plan(EarlyTerminationType.Asha, Goal.Minimize, eta: 2);
        Assert.False(plan.Judge(1, 0.20, [0.30, 0.40, 0.10]).Stop); // top 2 of 4: 0.10 and 0.20
        Assert.True(plan.Judge(1, 0.30, [0.20, 0.40, 0.10]).Stop);
    }

    [Fact]
    public void Median_WaitsForFiveOtherTrials_ThenStopsBelowTheirMedian()
    {
        var plan = Plan(EarlyTerminationType.Median);
        Assert.False(plan.Judge(2, 0.10, [0.9, 0.9, 0.9, 0.9]).Stop);
        var below = plan.Judge(2, 0.85, [0.80, 0.86, 0.90, 0.95, 0.99]);
        Assert.Equal((0.90, 5, true), (below.Threshold, below.Compared, below.Stop));
        Assert.False(plan.Judge(2, 0.90, [0.80, 0.86, 0.90, 0.95, 0.99]).Stop);
    }

    [Fact]
    public void ANonFiniteValue_AlwaysStops_AndOthersNonFiniteValuesAreIgnored()
    {
        Assert.True(Plan(EarlyTerminationType.Asha).Judge(1, double.NaN, []).Stop);
        Assert.False(Plan(EarlyTerminationType.Asha).Judge(1, 0.5, [double.NaN, double.NaN]).Stop);
    }

    [Fact]
    public void ThePlan_TravelsAsJson()
    {
        // On the job, inside the trial's plan.
        var plan = Plan(EarlyTerminationType.Hyperband, eta: 2.5);
        Assert.Equal(plan, TrialPlan.FromJson(new TrialPlan(plan, KeepModel: false).ToJson())!.Pruning);
        Assert.Null(TrialPlan.FromJson(null));
    }
}
