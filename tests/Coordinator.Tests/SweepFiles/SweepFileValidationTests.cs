using Sweep.Coordinator.SweepFiles;

namespace Sweep.Coordinator.Tests.SweepFiles;

/// <summary>
/// SweepFileLoader on real files in a temp folder: every bad sweep file or override is refused with one
/// SweepFileException holding every error, each `FILE:LINE:COLUMN: KEY: message` (or `override 'TEXT': ...`).
/// What the executable does with them (exit code 2, one line each on stderr, nothing written) is Cli.Tests' BadSweepFileTests.
/// </summary>
public sealed class SweepFileValidationTests : IDisposable
{
    private const string Good = """
        name: bad
        parameters:
          lr: {values: [0.1, 0.5]}

        """;

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    /// <summary>Case name, sweep file text, the line the error must point at, a text the message must contain.</summary>
    public static TheoryData<string, string, int, string> BadFiles => new()
    {
        { "unknown top-level key", Good + "descripton: typo\n", 4, "descripton: unknown top-level key; did you mean 'description'?" },
        { "unknown key in metric", Good + "metric: {name: val_acc, gaol: maximize}\n", 4, "metric.gaol: unknown key in metric; did you mean 'goal'?" },
        { "unknown key in a parameter spec", "name: bad\nparameters:\n  lr: {vales: [0.1]}\n", 3, "parameters.lr.vales: unknown key in a parameter spec; did you mean 'values'?" },
        { "unknown parameter name", Good + "  lamda: {value: 0.1}\n", 4, "parameters.lamda: unknown parameter; did you mean 'lambda'?" },
        { "a string where a number is expected", Good + "  lambda: {value: strong}\n", 4, "parameters.lambda.value: expected a number, got 'strong'" },
        { "a quoted number", Good + "  lambda: {value: '0.1'}\n", 4, "parameters.lambda.value: expected a number, got the quoted string '0.1'" },
        { "a list where a scalar is expected", Good + "  epochs: {value: [5]}\n", 4, "parameters.epochs.value: expected a whole number, got a list" },
        { "a fraction where a whole number is expected", Good + "  epochs: {value: 2.5}\n", 4, "parameters.epochs.value: expected a whole number, got '2.5'" },
        { "values not a list", Good + "  lambda: {values: 0.1}\n", 4, "parameters.lambda.values: expected a list" },
        { "a learning rate of zero", "name: bad\nparameters:\n  lr: {values: [0.1,\n    0]}\n", 4, "parameters.lr.values[1]: lr must be > 0, got 0" },
        { "a negative lambda", Good + "  lambda: {value: -1e-4}\n", 4, "parameters.lambda.value: lambda must be >= 0, got -1e-4" },
        { "a batch of zero", Good + "  batch: {value: 0}\n", 4, "parameters.batch.value: batch must be >= 1, got 0" },
        { "zero epochs", Good + "  epochs: {values: [1, 0]}\n", 4, "parameters.epochs.values[1]: epochs must be >= 1, got 0" },
        { "a hidden width of zero", Good + "  hidden: {values: [[], [500, 0]]}\n", 4, "parameters.hidden.values[1]: every width must be >= 1, got 0" },
        { "a momentum of one", Good + "  momentum: {value: 1}\n", 4, "parameters.momentum.value: momentum must be in [0, 1), got 1" },
        { "a negative validation size", Good + "  val_size: {value: -5}\n", 4, "parameters.val_size.value: val_size must be >= 0, got -5" },
        { "an unknown init", Good + "  init: {value: hee}\n", 4, "parameters.init.value: unknown init 'hee'; did you mean 'he'?" },
        { "min greater than max", "name: bad\nmethod: random\nrun_cap: 5\nparameters:\n  lr: {min: 1, max: 0.1}\n", 5, "parameters.lr: min must be <= max" },
        { "a log scale from zero", "name: bad\nmethod: random\nrun_cap: 5\nparameters:\n  lambda: {min: 0, max: 0.1, scale: log}\n", 5, "parameters.lambda: scale: log needs min > 0" },
        { "a range in a grid", Good + "  lambda: {min: 0, max: 0.1}\n", 4, "parameters.lambda: min/max ranges need method: random or bayes" },
        { "an unknown dataset", Good + "dataset: mnsit\n", 4, "dataset: unknown dataset 'mnsit'" },
        { "an unknown metric", Good + "metric: {name: val_accuracy}\n", 4, "metric.name: unknown metric 'val_accuracy'; did you mean 'val_acc'?" },
        { "a bad goal", Good + "metric: {name: val_loss, goal: lowest}\n", 4, "metric.goal: unknown goal 'lowest'" },
        { "an unknown method", Good + "method: bayse\n", 4, "method: unknown method 'bayse'; did you mean 'bayes'?" },
        { "bayes without run_cap", Good + "method: bayes\n", 4, "run_cap: method: bayes needs run_cap, the number of trials to propose" },
        { "early_terminate not a mapping", Good + "early_terminate: hyperband\n", 4, "early_terminate: expected a mapping such as {type: hyperband, min_iter: 1, eta: 3}, got 'hyperband'" },
        { "early_terminate of unknown type", Good + "early_terminate: {type: hyperbnd}\n", 4, "early_terminate.type: unknown type 'hyperbnd'; did you mean 'hyperband'?" },
        { "early_terminate without type", Good + "early_terminate: {eta: 3}\n", 4, "early_terminate.type: missing; one of hyperband, asha, median" },
        { "an eta below 2", Good + "early_terminate: {type: hyperband, eta: 1.5}\n", 4, "early_terminate.eta: must be a number >= 2 (each rung keeps the top 1/eta), got '1.5'" },
        { "a min_iter of zero", Good + "early_terminate: {type: asha, min_iter: 0}\n", 4, "early_terminate.min_iter: must be a whole number of epochs >= 1, got '0'" },
        { "a min_iter at the last epoch", Good + "  epochs: {values: [3, 5]}\nearly_terminate: {type: asha, min_iter: 5}\n", 5, "early_terminate.min_iter: min_iter 5 is not below epochs 5: no trial would reach a rung before its last epoch" },
        { "early_terminate on a test metric", Good + "metric: test_acc\nearly_terminate: {type: asha}\n", 5, "early_terminate: needs a metric every epoch records (val_acc, val_loss, train_loss); test_acc is measured only after the last epoch" },
        { "an eta for median", Good + "early_terminate: {type: median, eta: 3}\n", 4, "early_terminate.eta: eta applies to hyperband and asha" },
        { "an unknown key in early_terminate", Good + "early_terminate: {type: median, min_itr: 2}\n", 4, "early_terminate.min_itr: unknown key in early_terminate; did you mean 'min_iter'?" },
        { "a negative keep_models", Good + "keep_models: -1\n", 4, "keep_models: must be >= 0, got -1" },
        { "a keep_models that is not a number", Good + "keep_models: 'x'\n", 4, "keep_models: expected a whole number, got the quoted string 'x'" },
        { "random without run_cap", Good + "method: random\n", 4, "run_cap: method: random needs run_cap" },
        { "both value and values", Good + "  seed: {value: 1, values: [1, 2]}\n", 4, "parameters.seed: give either value (a constant) or values (a list to sweep), not both" },
        { "neither value nor values", Good + "  seed: {}\n", 4, "parameters.seed: needs value (a constant) or values (a list to sweep)" },
        { "an empty values list", Good + "  batch: {values: []}\n", 4, "parameters.batch.values: the list is empty, so the grid would have no trials" },
        { "more trials than run_cap", Good + "  lambda: {values: [0, 1e-4]}\nrun_cap: 3\n", 5, "run_cap: the grid has 4 trials, more than run_cap 3" },
        { "a duplicate key", Good + "  lr: {value: 0.5}\n", 4, "parameters.lr: duplicate key (first given at" },
        { "a duplicate top-level key", Good + "name: again\n", 4, "name: duplicate key" },
        { "a YAML syntax error", Good + "  lambda: {value: [0.1}\n", 4, "(yaml): syntax error" },
        { "a missing name", "parameters:\n  lr: {value: 0.1}\n", 1, "name: missing" },
        { "a missing parameters key", "name: bad\n", 1, "parameters: missing" },
        { "a validation set as large as MNIST's training set", Good + "  val_size: {values: [5000, 60000]}\n", 4, "parameters.val_size.values[1]: val_size must be less than the 60000 training examples of mnist (at most 59999), got 60000" },
        { "a width whose weights cannot fit in memory", Good + "  hidden: {values: [[500], [100000000]]}\n", 4, "parameters.hidden.values[1]: hidden[0]=100000000: the 784×100000000 layer needs " },
        { "a width that fits alone but not with the sweep's largest batch", Good + "  hidden: {value: [300000]}\n  batch: {values: [100, 50000]}\n", 4, "layer needs" },
        { "a name that is not a simple identifier", "name: x'; drop table trials; --\nparameters:\n  lr: {value: 0.1}\n", 1, "name: 'x'; drop table trials; --' is not a simple name" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Load_RefusesTheFile_PointingAtTheOffendingLine(string @case, string yaml, int line, string expected)
    {
        var file = folder.Write("bad.yaml", yaml);

        var errors = Refusal(() => SweepFileLoader.Load(file));

        Assert.True(errors.Any(message => message.StartsWith($"{file}:{line}:", StringComparison.Ordinal) && message.Contains(expected, StringComparison.Ordinal)),
            $"{@case}: {string.Join(" | ", errors)}");
    }

    /// <summary>Every whole-number setting, as a line of a sweep file and (for parameters) as an override, with its maximum.</summary>
    public static TheoryData<string, string?, long> WholeNumbers => new()
    {
        { "  epochs: {value: X}\n", "epochs=X", int.MaxValue },
        { "  batch: {value: X}\n", "batch=X", int.MaxValue },
        { "  val_size: {value: X}\n", "val_size=X", int.MaxValue },
        { "  hidden: {value: [500, X]}\n", "hidden=[500,X]", int.MaxValue },
        { "  seed: {value: X}\n", "seed=X", (1L << 53) - 1 },
        { "run_cap: X\n", null, int.MaxValue },
        { "random_seed: X\n", null, int.MaxValue },
        { "keep_models: X\n", null, int.MaxValue },
    };

    [Theory]
    [MemberData(nameof(WholeNumbers))]
    public void Load_SaysAWholeNumberIsTooLarge_ForEveryWholeNumberSetting(string line, string? @override, long maximum)
    {
        foreach (var value in new[] { (maximum + 1).ToString(), "99999999999999999999999" })
        {
            var file = folder.Write("big.yaml", "name: big\nmethod: random\nrun_cap: 2\nparameters:\n  lr: {values: [0.1]}\n"
                .Replace("run_cap: 2\n", line.StartsWith("run_cap") ? "" : "run_cap: 2\n") + line.Replace("X", value));
            var fromFile = Refusal(() => SweepFileLoader.Load(file));
            Assert.Contains(fromFile, message => message.StartsWith($"{file}:", StringComparison.Ordinal) && message.Contains($"must be at most {maximum}, got {value}"));

            if (@override is null) continue;
            var written = @override.Replace("X", value);
            var good = folder.Write("good.yaml", Good);
            var fromOverride = Refusal(() => SweepFileLoader.Load(good, [written]));
            Assert.Contains(fromOverride, message => message.StartsWith($"override '{written}':", StringComparison.Ordinal) && message.Contains($"must be at most {maximum}, got {value}"));
        }
    }

    [Theory]
    [InlineData("val_size=60000", "val_size must be less than the 60000 training examples of mnist")]
    [InlineData("hidden=[100000000]", "hidden[0]=100000000: the 784×100000000 layer needs")]
    public void Load_RefusesAnOverrideTheEngineWouldRejectLater(string written, string expected)
    {
        var file = folder.Write("good.yaml", Good);

        var errors = Refusal(() => SweepFileLoader.Load(file, [written]));

        Assert.Contains(errors, line => line.StartsWith($"override '{written}': ", StringComparison.Ordinal) && line.Contains(expected));
    }

    [Fact]
    public void Load_ChecksValSizeAgainstADatasetFolder_FromItsImagesHeader()
    {
        // Only the header is read before any work: 500 images of 28×28 (the rest of the file is never needed).
        var data = Directory.CreateDirectory(Path.Combine(folder.Path, "small")).FullName;
        File.WriteAllBytes(Path.Combine(data, "train-images-idx3-ubyte"), [0, 0, 8, 3, 0, 0, 1, 244, 0, 0, 0, 28, 0, 0, 0, 28]);
        var withDefault = folder.Write("default.yaml", Good + "dataset: small\n");
        var explicitSize = folder.Write("explicit.yaml", "name: small\ndataset: small\nparameters:\n  val_size: {values: [100, 500]}\n");

        var byDefault = Refusal(() => SweepFileLoader.Load(withDefault));
        var byValue = Refusal(() => SweepFileLoader.Load(explicitSize));

        Assert.Contains(byDefault, line => line.StartsWith($"{withDefault}:4:10: dataset: ") && line.Contains("has 500 training examples, not more than the default val_size 10000"));
        var error = Assert.Single(byValue);
        Assert.StartsWith($"{explicitSize}:4:28: parameters.val_size.values[1]: val_size must be less than the 500 training examples", error);
    }

    [Fact]
    public void Load_ReportsEveryError_AtOnce_InFileOrder_ThenTheOverrides()
    {
        var file = folder.Write("bad.yaml", """
            name: many
            method: grdi
            parameters:
              lr: {values: [0, abc]}
              batch: {value: 0}
              colour: {value: blue}
            """);

        var errors = Refusal(() => SweepFileLoader.Load(file, ["lrr=0.1"]));

        Assert.Collection(errors,
            line => Assert.StartsWith($"{file}:2:9: method: unknown method 'grdi'; did you mean 'grid'?", line),
            line => Assert.StartsWith($"{file}:4:17: parameters.lr.values[0]: lr must be > 0", line),
            line => Assert.StartsWith($"{file}:4:20: parameters.lr.values[1]: expected a number, got 'abc'", line),
            line => Assert.StartsWith($"{file}:5:18: parameters.batch.value: batch must be >= 1", line),
            line => Assert.StartsWith($"{file}:6:3: parameters.colour: unknown parameter", line),
            line => Assert.Equal("override 'lrr=0.1': lrr: unknown parameter; did you mean 'lr'?", line));
    }

    [Fact]
    public void Load_ReadsKeepModels_IntoTheDefinitionAndItsJson_ZeroWhenAbsent()
    {
        var keeping = SweepFileLoader.Load(folder.Write("keep.yaml", Good + "keep_models: 2\n"));
        var plain = SweepFileLoader.Load(folder.Write("plain.yaml", Good));

        Assert.Equal(2, keeping.KeepModels);
        Assert.Contains("\"keep_models\":2", keeping.ToJson());
        Assert.Equal(0, plain.KeepModels);
        Assert.Contains("\"keep_models\":0", plain.ToJson());
    }

    [Fact]
    public void Load_RefusesAMissingFile_WithItsPath()
    {
        var file = Path.Combine(folder.Path, "missing.yaml");

        var error = Assert.Single(Refusal(() => SweepFileLoader.Load(file)));

        Assert.Equal($"{file}: cannot read the sweep file: no such file", error);
    }

    [Fact]
    public void Load_RefusesAnEmptyFile()
    {
        var file = folder.Write("empty.yaml", "# only a comment\n");

        Assert.Contains($"{file}:1:1: (file): the file is empty", Refusal(() => SweepFileLoader.Load(file))[0]);
    }

    [Fact]
    public void Load_RefusesAGridLargerThanMaxTrials_PointingAtParameters()
    {
        var file = folder.Write("big.yaml", "name: big\nparameters:\n  lr: {values: [0.1, 0.2, 0.3]}\n  seed: {values: [1, 2]}\n");

        var error = Assert.Single(Refusal(() => SweepFileLoader.Load(file, maxTrials: 5)));

        Assert.Equal($"{file}:2:1: parameters: the grid has 6 trials, more than --max-trials 5", error);
        Assert.Equal(6, SweepFileLoader.Load(file, maxTrials: 6).TrialCount);
    }

    [Theory]
    [InlineData("lrr=0.1", "override 'lrr=0.1': lrr: unknown parameter; did you mean 'lr'?")]
    [InlineData("lr=abc", "override 'lr=abc': lr: expected a number, got 'abc'")]
    [InlineData("lr=0.1,-2", "override 'lr=0.1,-2': lr: lr must be > 0, got -2")]
    [InlineData("hidden=[500,x]", "override 'hidden=[500,x]': hidden: a width must be a whole number >= 1, got 'x'")]
    [InlineData("epochs=", "override 'epochs=': epochs: a value is missing")]
    [InlineData("epochs", "override 'epochs': epochs: expected KEY=VALUE")]
    public void Load_RefusesABadOverride_NamingIt(string written, string expected)
    {
        var errors = Refusal(() => SweepFileLoader.Load(ShippedSweeps.Path("lr-lambda.yaml"), [written]));

        Assert.Contains(errors, line => line.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_RefusesEveryBadOverride_AtOnce_InTheOrderGiven()
    {
        var errors = Refusal(() => SweepFileLoader.Load(ShippedSweeps.Path("lr-lambda.yaml"), ["epochs=0", "lr=0.5", "mommentum=0.9"]));

        Assert.Collection(errors,
            line => Assert.StartsWith("override 'epochs=0': epochs: epochs must be >= 1", line),
            line => Assert.StartsWith("override 'mommentum=0.9': mommentum: unknown parameter; did you mean 'momentum'?", line));
    }

    /// <summary>The errors of the one SweepFileException the action must throw.</summary>
    private static IReadOnlyList<string> Refusal(Func<SweepDefinition> load) => Assert.Throws<SweepFileException>(load).Errors;
}
