using Sweep.Coordinator.Search;
using Sweep.Coordinator.SweepFiles;
using Sweep.Results;
using Sweep.Trials;

namespace Sweep.Coordinator.Tests.Search;

/// <summary>
/// The proposer of `method: bayes` on real sweep files, with trials "trained" by an analytic val_acc so that a
/// sweep of 40 runs in milliseconds: it must stay in the space, respect run_cap, repeat itself for the same history,
/// and find the good region of the space.
/// </summary>
public sealed class BayesProposerTests : IDisposable
{
    private const string Checksum = "test-checksum";
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private SweepDefinition Load(string parameters, int runCap = 40) => SweepFileLoader.Load(folder.Write("bayes.yaml",
        $"name: bayes-test\nmethod: bayes\nrun_cap: {runCap}\nparameters:\n{parameters}"));

    private const string Space = """
          lr:     {min: 0.001, max: 10, scale: log}
          hidden: {values: [[], [100], [300]]}
          batch:  {min: 10, max: 200}
          epochs: {value: 2}

        """;

    /// <summary>Best at lr = 0.3 and hidden [100]; what a trial with this config would reach.</summary>
    private static double ValAcc(TrialConfig config) =>
        0.98 - 0.05 * Math.Pow(Math.Log10(config.LearningRate / 0.3), 2) - (config.Hidden.Count == 1 && config.Hidden[0] == 100 ? 0 : 0.02);

    [Fact]
    public void Proposals_StayInTheSpace_AreDistinct_AndStopAtRunCap()
    {
        var definition = Load(Space, runCap: 25);
        var rows = RunSequentially(definition, new BayesProposer(definition, Checksum));

        Assert.Equal(25, rows.Count);
        Assert.Equal(25, rows.Select(row => row.Hash).Distinct().Count());
        Assert.All(rows, row =>
        {
            Assert.InRange(row.Config.LearningRate, 0.001, 10);
            Assert.InRange(row.Config.Batch, 10, 200);
            Assert.Contains(row.Config.Hidden.Count == 0 ? "[]" : $"[{row.Config.Hidden[0]}]", new[] { "[]", "[100]", "[300]" });
            Assert.Equal(2, row.Config.Epochs);
        });
        Assert.Empty(new BayesProposer(definition, Checksum).Propose(rows, 5));
    }

    [Fact]
    public void TheSameHistory_GivesTheSameProposals_AndEachSaysHowManyResultsItSaw()
    {
        var definition = Load(Space);
        var first = RunSequentially(definition, new BayesProposer(definition, Checksum), stopAfter: 15);
        var again = RunSequentially(definition, new BayesProposer(definition, Checksum), stopAfter: 15);
        Assert.Equal(first.Select(row => row.Hash), again.Select(row => row.Hash));

        var next = new BayesProposer(definition, Checksum).Propose(first, 3);
        Assert.Equal([16, 17, 18], next.Select(proposal => proposal.Number));
        Assert.All(next, proposal => Assert.Equal(15, proposal.ResultsSeen));
        Assert.Equal(3, next.Select(proposal => proposal.Config.ToCanonicalJson()).Distinct().Count());
    }

    [Fact]
    public void FindsTheGoodRegion_BetterThanRandomDrawsOfTheSameSpace()
    {
        var definition = Load(Space);
        var bayes = RunSequentially(definition, new BayesProposer(definition, Checksum)).Max(row => row.ValAcc!.Value);
        var random = SweepFileLoader.Load(folder.Write("random.yaml", $"name: bayes-test\nmethod: random\nrun_cap: 40\nparameters:\n{Space}"))
            .Expand(_ => Checksum).Max(ValAcc);
        Assert.True(bayes > random, $"bayes best {bayes:F5}, random best {random:F5}");
        Assert.True(bayes > 0.975, $"bayes best {bayes:F5}");
    }

    [Fact]
    public void ASpaceOfTwoChoices_IsExhaustedAfterTwoProposals()
    {
        var definition = Load("  hidden: {values: [[], [100]]}\n  epochs: {value: 1}\n", runCap: 5);
        var rows = RunSequentially(definition, new BayesProposer(definition, Checksum));
        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public void ARunningTrial_CountsWithItsLatestEpoch_AndAFailedOneIsLeftOut()
    {
        var definition = Load(Space);
        var rows = RunSequentially(definition, new BayesProposer(definition, Checksum), stopAfter: 12);
        var proposer = new BayesProposer(definition, Checksum);
        var baseline = proposer.Propose(rows, 1)[0].Config;

        var failed = rows.Append(Row(13, proposer.Propose(rows, 1)[0].Config, TrialStatus.Failed, null)).ToList();
        // A failed trial is no observation, but it still takes its proposal number and its configuration is not proposed again.
        Assert.NotEqual(baseline, proposer.Propose(failed, 1)[0].Config);
        Assert.Equal(14, proposer.Propose(failed, 1)[0].Number);
    }

    [Fact]
    public void LayersSpecsOfFullyConnectedLayersOnly_AreToldApart_ThoughStoredAsHidden()
    {
        // [fc:10] … [fc:300] are the trials hidden [10] … [300]: the proposer must still see which choice each was, or it
        // would credit every result to [fc:10] and keep trying the choices it believes unobserved.
        var definition = Load("  lr: {min: 0.01, max: 1, scale: log}\n  layers: {values: [[fc:10], [fc:20], [fc:30], [fc:40], [fc:300], [conv3x3:4, pool2, fc:10]]}\n" +
            "  epochs: {value: 1}\n");

        var rows = RunSequentially(definition, new BayesProposer(definition, Checksum), valAcc: config => config.Hidden is [300] ? 0.98 : 0.90);

        var afterStartup = rows.Skip(10).ToList();
        var best = afterStartup.Count(row => row.Config.Hidden is [300]);
        Assert.True(best > afterStartup.Count / 2, $"{best} of the {afterStartup.Count} proposals after the startup trials are [fc:300]");
    }

    /// <summary>Proposes one trial at a time and "trains" it at once, as one worker would.</summary>
    private static List<TrialRow> RunSequentially(SweepDefinition definition, BayesProposer proposer, int stopAfter = int.MaxValue,
        Func<TrialConfig, double>? valAcc = null)
    {
        var rows = new List<TrialRow>();
        while (rows.Count < stopAfter && proposer.Propose(rows, 1) is [var proposal])
        {
            Assert.Equal(rows.Count + 1, proposal.Number);
            Assert.Equal(rows.Count, proposal.ResultsSeen);
            rows.Add(Row(proposal.Number, proposal.Config, TrialStatus.Completed, (valAcc ?? ValAcc)(proposal.Config)));
        }
        return rows;
    }

    private static TrialRow Row(int position, TrialConfig config, TrialStatus status, double? valAcc) =>
        new(position, config.Hash(Checksum), config, status, null, null, 1, null, null, null, config.Epochs,
            null, null, valAcc, null, null, config.Epochs, null, null, valAcc);
}
