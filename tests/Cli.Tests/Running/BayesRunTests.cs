using Sweep.Results;
using Sweep.Trials;

namespace Sweep.Cli.Tests.Running;

/// <summary>`sweep run` of a `method: bayes` sweep end to end: real processes, real MNIST, a real SQLite file.</summary>
public sealed class BayesRunTests
{
    private const string Search = """
        name: search
        method: bayes
        run_cap: 8
        parameters:
          lr:     {min: 0.01, max: 2.0, scale: log}
          lambda: {min: 1e-6, max: 1e-2, scale: log}
          hidden: {values: [[], [30]]}
          epochs: {value: 1}
        """;

    [Fact]
    public void ARun_TrainsRunCapProposals_ARerunTrainsNothing_AndDryRunListsTheProposals()
    {
        using var folder = new TempFolder();
        var file = folder.Write("search.yaml", Search);

        var before = SweepProcess.RunIn(folder.Path, "run", file, "--dry-run");
        var first = SweepProcess.RunIn(folder.Path, "run", file, "--workers", "2");
        var second = SweepProcess.RunIn(folder.Path, "run", file);
        var after = SweepProcess.RunIn(folder.Path, "run", file, "--dry-run");

        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.Contains("bayes (TPE) proposes up to 8 trials as results arrive; none proposed yet", before.Stdout);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("sweep search: bayes (TPE), up to 8 trials proposed as results arrive", first.Stderr);
        using (var store = ResultsStore.Open(folder.ResultsPath))
        {
            var rows = store.TrialRows("search");
            Assert.Equal(8, rows.Count);
            Assert.Equal(8, rows.Select(row => row.Hash).Distinct().Count());
            Assert.All(rows, row => Assert.Equal((TrialStatus.Completed, 1), (row.Status, row.Attempt)));
            Assert.All(rows, row => Assert.InRange(row.Config.LearningRate, 0.01, 2.0));
        }
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("(8 so far)", second.Stderr);
        Assert.DoesNotContain("started", second.Stderr);
        Assert.Equal(first.Stdout, second.Stdout);
        Assert.Contains("proposed so far:", after.Stdout);
        Assert.Contains("8 of them have a result already", after.Stdout);
    }
}
