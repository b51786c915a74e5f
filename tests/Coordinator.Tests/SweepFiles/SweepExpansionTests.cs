using Sweep.Coordinator.SweepFiles;
using Sweep.Trials;

namespace Sweep.Coordinator.Tests.SweepFiles;

/// <summary>
/// Loading and expanding real sweep files: the grid's cells and their order, overrides, random draws under a seed,
/// and trial hashes that do not depend on how the sweep was written. What `--dry-run` prints of them is Cli.Tests' DryRunTests.
/// </summary>
public sealed class SweepExpansionTests : IDisposable
{
    private const string Checksum = Fixtures.DatasetChecksum;

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData("lr-lambda.yaml", 16)]
    [InlineData("seed-replication.yaml", 6)]
    [InlineData("hidden-width.yaml", 5)]
    public void Expand_OfTheShippedSweeps_GivesTheirTrialCount_OfDistinctTrials(string name, int trials)
    {
        var definition = SweepFileLoader.Load(ShippedSweeps.Path(name));

        var expanded = Expand(definition);

        Assert.Equal(trials, definition.TrialCount);
        Assert.Equal(trials, expanded.Count);
        Assert.Equal(trials, expanded.Select(trial => trial.Hash(Checksum)).Distinct().Count());
    }

    [Fact]
    public void TheShippedSearch_IsABayesSweepWithHyperband_WhoseTrialsAreProposedAsItRuns()
    {
        var definition = SweepFileLoader.Load(ShippedSweeps.Path("search.yaml"));

        // A bayes sweep has no static expansion: its run proposes up to run_cap trials from the results so far.
        Assert.Equal((SweepMethod.Bayes, 20, 20L), (definition.Method, definition.RunCap, definition.TrialCount));
        Assert.Equal(("val_acc", Goal.Maximize), (definition.Metric.Name, definition.Goal));
        Assert.Equal(new EarlyTermination(EarlyTerminationType.Hyperband, 1, 3), definition.EarlyTermination);
        Assert.Equal([1, 3], definition.EarlyTermination!.Rungs(9));
        Assert.Equal(["lr", "lambda", "hidden", "momentum"], definition.VaryingParameters);
    }

    [Fact]
    public void Expand_OfAGrid_VariesTheFirstParameterSlowest_InValuesOrder()
    {
        var definition = Load("""
            name: order
            parameters:
              lambda: {values: [0.01, 0]}
              lr: {values: [0.5, 0.1, 1]}
              epochs: {value: 1}
            """);

        var cells = Expand(definition).Select(trial => (trial.Lambda, trial.LearningRate)).ToArray();

        Assert.Equal(new (double Lambda, double LearningRate)[] { (0.01, 0.5), (0.01, 0.1), (0.01, 1), (0, 0.5), (0, 0.1), (0, 1.0) }, cells);
        Assert.Equal(new[] { "lambda", "lr" }, definition.VaryingParameters);
        Assert.All(Expand(definition), trial => Assert.Equal(1, trial.Epochs));
    }

    [Fact]
    public void Expand_DropsRepeatedValues_KeepingTheFirst()
    {
        var trials = Expand(Load("name: repeats\nparameters:\n  lr: {values: [0.1, 1e-1, 0.5, 0.10]}\n"));

        Assert.Equal(new[] { 0.1, 0.5 }, trials.Select(trial => trial.LearningRate));
    }

    [Fact]
    public void Hashes_AreTheSameEachTime_AndDoNotDependOnKeyOrderOrHowANumberIsWritten()
    {
        var first = Hashes(Load("name: a\nparameters:\n  lr: {values: [0.1, 0.5]}\n  lambda: {value: 0.0001}\n  epochs: {value: 2}\n"));
        var again = Hashes(Load("name: a\nparameters:\n  lr: {values: [0.1, 0.5]}\n  lambda: {value: 0.0001}\n  epochs: {value: 2}\n"));
        var reordered = Hashes(Load("name: b\nparameters:\n  epochs: {value: 2}\n  lambda: {value: 1e-4}\n  lr: {values: [1e-1, 0.50]}\n"));

        Assert.Equal(first, again);
        Assert.Equal(first.Order(), reordered.Order());
        Assert.All(first, hash => Assert.Matches("^[0-9a-f]{64}$", hash));
        Assert.NotEqual(first, Hashes(Load("name: a\nparameters:\n  lr: {values: [0.1, 0.5]}\n  lambda: {value: 0.0001}\n  epochs: {value: 3}\n")));
        Assert.NotEqual(first, Expand(SweepFileLoader.Parse("name: a\nparameters:\n  lr: {values: [0.1, 0.5]}\n  lambda: {value: 0.0001}\n  epochs: {value: 2}\n", "a.yaml"))
            .Select(trial => trial.Hash("another-dataset")));
    }

    [Fact]
    public void Override_GivesTheSameTrials_AsTheSameValuesWrittenInTheFile()
    {
        var file = folder.Write("base.yaml", "name: same\nparameters:\n  lr: {values: [0.1, 0.5]}\n  hidden: {value: [100]}\n");
        var overridden = SweepFileLoader.Load(file, ["lr=0.3,0.7", "hidden=[256,128]"]);
        var written = Load("name: same\nparameters:\n  lr: {values: [0.3, 0.7]}\n  hidden: {value: [256, 128]}\n");

        Assert.Equal(Hashes(written), Hashes(overridden));
        Assert.All(Expand(overridden), trial => Assert.Equal(new[] { 256, 128 }, trial.Hidden));
    }

    [Theory]
    [InlineData(new[] { "lr=0.1,0.5" }, 8)]
    [InlineData(new[] { "epochs=3" }, 16)]
    [InlineData(new[] { "hidden=[],[500],[256,128]" }, 48)]
    [InlineData(new[] { "lr=0.5", "lambda=0", "momentum=0.9,0.5" }, 2)]
    public void Overrides_ReplaceTheFilesSpecs_AndCountTheOverriddenGrid(string[] overrides, int trials)
    {
        var definition = SweepFileLoader.Load(ShippedSweeps.Path("lr-lambda.yaml"), overrides);

        Assert.Equal(trials, definition.TrialCount);
        Assert.Equal(trials, Expand(definition).Count);
    }

    [Fact]
    public void Override_OfOneValue_IsAConstant_AndOfSeveral_IsSwept()
    {
        var definition = SweepFileLoader.Load(ShippedSweeps.Path("lr-lambda.yaml"), ["lr=0.5", "lambda=0", "momentum=0.9,0.5"]);

        var trials = Expand(definition);

        Assert.All(trials, trial => Assert.Equal((0.5, 0.0), (trial.LearningRate, trial.Lambda)));
        Assert.Equal(new[] { 0.9, 0.5 }, trials.Select(trial => trial.Momentum));
        Assert.Contains("momentum", definition.VaryingParameters);
        Assert.DoesNotContain("lr", definition.VaryingParameters);
    }

    [Fact]
    public void Override_WithAList_TreatsBracketsAsOneValue()
    {
        var trial = Assert.Single(Expand(SweepFileLoader.Load(ShippedSweeps.Path("hidden-width.yaml"), ["hidden=[256,128]"])));

        Assert.Equal(new[] { 256, 128 }, trial.Hidden);
    }

    private const string RandomSweep = """
        name: random-search
        method: random
        run_cap: 7
        parameters:
          lr: {min: 0.01, max: 1, scale: log}
          lambda: {min: 0, max: 0.001}
          epochs: {min: 1, max: 5}
          hidden: {values: [[], [100], [300]]}
        """;

    [Fact]
    public void Expand_OfARandomSweep_DrawsRunCapTrials_InTheirRanges_TheSameEachTime()
    {
        var first = Expand(Load(RandomSweep));
        var second = Expand(Load(RandomSweep));

        Assert.Equal(7, first.Count);
        Assert.Equal(first.Select(trial => trial.Hash(Checksum)), second.Select(trial => trial.Hash(Checksum)));
        Assert.All(first, trial => Assert.InRange(trial.LearningRate, 0.01, 1));
        Assert.All(first, trial => Assert.InRange(trial.Lambda, 0, 0.001));
        Assert.All(first, trial => Assert.InRange(trial.Epochs, 1, 5));
        Assert.All(first, trial => Assert.Contains(trial.Hidden.Count == 0 ? 0 : trial.Hidden[0], new[] { 0, 100, 300 }));
        Assert.True(first.Select(trial => trial.LearningRate).Distinct().Count() > 1, "every draw was the same");
    }

    [Fact]
    public void Expand_OfARandomSweep_DrawsOtherTrials_WithAnotherRandomSeed()
    {
        const string sweep = "name: seeded\nmethod: random\nrun_cap: 3\nparameters:\n  lr: {min: 0.01, max: 1}\n";

        var withoutSeed = Expand(Load(sweep)).Select(trial => trial.LearningRate);
        var withSeed = Expand(Load(sweep + "random_seed: 7\n")).Select(trial => trial.LearningRate);
        var withSeedAgain = Expand(Load(sweep + "random_seed: 7\n")).Select(trial => trial.LearningRate);

        Assert.NotEqual(withoutSeed, withSeed);
        Assert.Equal(withSeed, withSeedAgain);
    }

    [Fact]
    public void Load_AcceptsADatasetFolder_BesideTheFile_AsItsFullPath()
    {
        var digits = Directory.CreateDirectory(Path.Combine(folder.Path, "digits")).FullName;
        foreach (var mnistFile in Directory.GetFiles(MnistData.Folder, "*-ubyte.gz"))
            File.CreateSymbolicLink(Path.Combine(digits, Path.GetFileName(mnistFile)), mnistFile);

        var definition = Load("name: folder\ndataset: digits\nparameters:\n  lr: {values: [0.1, 0.5]}\n");

        Assert.Equal(digits, definition.Dataset);
        Assert.All(Expand(definition), trial => Assert.Equal(digits, trial.Dataset));
    }

    private SweepDefinition Load(string yaml) => SweepFileLoader.Load(folder.Write("sweep.yaml", yaml));

    private static IReadOnlyList<TrialConfig> Expand(SweepDefinition definition) => definition.Expand(_ => Checksum);

    private static IReadOnlyList<string> Hashes(SweepDefinition definition) => Expand(definition).Select(trial => trial.Hash(Checksum)).ToList();
}
