using Sweep.Engine.Model;
using Sweep.Engine.Training;

namespace Sweep.Trials;

/// <summary>
/// The parameter table: every hyperparameter a trial has, declared once. TrialConfig, sweep-file validation, `train`
/// options, the trial_results view, reports and progress lines all read it. The order is the one sweep-file errors
/// list ("expected one of: lr, lambda, ...").
/// </summary>
public static class HyperParameters
{
    /// <summary>`train --help` descriptions; constants because an attribute argument must be one.</summary>
    public static class Help
    {
        public const string Lr = "Learning rate (> 0). Default: 0.1";
        public const string Lambda = "Weight decay λ (>= 0) on weights: L2 0.5·λ·‖W‖² for sgd, nesterov and adam; W −= lr·λ·W apart from the adaptive step for adamw. Default: 1e-4";
        public const string Hidden = "Hidden layer widths: none (softmax regression), 500, or 256,128. Default: none";
        public const string Epochs = "Passes over the training set. Default: 10";
        public const string Batch = "Mini-batch size. Default: 100";
        public const string Seed = "Seed of initial weights and shuffles. Default: 1";
        // Help reads descriptions as markup: [[ is a literal [.
        public const string Momentum = "Momentum in [[0, 1) of sgd (heavy ball) and nesterov; adam and adamw ignore it. Default: 0 (plain gradient descent)";
        public const string Init = "Initial weights: gaussian (std 0.01, the tutorial's) or he. Default: gaussian";
        public const string LrSchedule = "cooldown (the rate for 80 % of the steps, then linear to zero), constant (the tutorial's fixed rate), linear or cosine. Default: cooldown";
        public const string ValSize = "Training examples held out (from the end) for validation. Default: 10000";
        public const string Dropout = "Inverted dropout rate on hidden activations in [[0, 1), training only. Default: 0 (off)";
        public const string Optimizer = "sgd (the tutorial's, with --momentum), nesterov (PyTorch's Nesterov momentum), adam (L2 in the gradient) or adamw (decoupled weight decay). Default: sgd";
        public const string Beta1 = "Adam's first-moment decay β₁ in [[0, 1) (adam, adamw). Default: 0.9";
        public const string Beta2 = "Adam's second-moment decay β₂ in [[0, 1) (adam, adamw). Default: 0.999";
        public const string Eps = "Adam's ε (> 0) added to √v̂ (adam, adamw). Default: 1e-8";
        public const string Layers = "Hidden layers as a network spec instead of --hidden: conv5x5:16,pool2,fc:128 (convKxK:C with same padding or convKxK:C:valid, pool2, fc:N; ReLU after each conv and fc; the output layer is implied). Default: none";
    }

    /// <summary>2^53 - 1: sweep-file values are held as doubles, exact up to 2^53, so a larger seed would silently become another.</summary>
    public const long MaxExactSeed = (1L << 53) - 1;

    public static readonly NumberParameter<double> LearningRate =
        new("lr", Help.Lr, 0.1, "must be > 0", x => x > 0, (o, v) => o with { LearningRate = v });

    public static readonly NumberParameter<double> Lambda =
        new("lambda", Help.Lambda, 1e-4, "must be >= 0", x => x >= 0, (o, v) => o with { Lambda = v });

    public static readonly WidthsParameter Hidden = new("hidden", Help.Hidden, (o, v) => o with { Hidden = v });

    public static readonly NumberParameter<int> Epochs =
        new("epochs", Help.Epochs, 10, "must be >= 1", x => x >= 1, (o, v) => o with { Epochs = v });

    public static readonly NumberParameter<int> Batch =
        new("batch", Help.Batch, 100, "must be >= 1", x => x >= 1, (o, v) => o with { BatchSize = v });

    public static readonly NumberParameter<ulong> Seed =
        new("seed", Help.Seed, 1UL, "must be >= 0", x => x >= 0, (o, v) => o with { Seed = v }, maximum: MaxExactSeed);

    public static readonly NumberParameter<double> Momentum =
        new("momentum", Help.Momentum, 0.0, "must be in [0, 1)", x => x >= 0 && x < 1, (o, v) => o with { Momentum = v });

    public static readonly ChoiceParameter<WeightInit> Init =
        new("init", Help.Init, WeightInit.Gaussian, (o, v) => o with { Init = v });

    public static readonly ChoiceParameter<LearningRateSchedule> Schedule =
        new("lr_schedule", Help.LrSchedule, LearningRateSchedule.Cooldown, (o, v) => o with { Schedule = v });

    /// <summary>Not an Engine option: the data loader holds these examples out.</summary>
    public static readonly NumberParameter<int> ValidationSize =
        new("val_size", Help.ValSize, 10_000, "must be >= 0", x => x >= 0, applyTo: null);

    public static readonly NumberParameter<double> Dropout =
        new("dropout", Help.Dropout, 0.0, "must be in [0, 1)", x => x >= 0 && x < 1, (o, v) => o with { Dropout = v }) { AddedLater = true };

    public static readonly ChoiceParameter<OptimizerKind> Optimizer =
        new("optimizer", Help.Optimizer, OptimizerKind.Sgd, (o, v) => o with { Optimizer = v }) { AddedLater = true };

    public static readonly NumberParameter<double> Beta1 =
        new("beta1", Help.Beta1, 0.9, "must be in [0, 1)", x => x >= 0 && x < 1, (o, v) => o with { Beta1 = v }) { AddedLater = true };

    public static readonly NumberParameter<double> Beta2 =
        new("beta2", Help.Beta2, 0.999, "must be in [0, 1)", x => x >= 0 && x < 1, (o, v) => o with { Beta2 = v }) { AddedLater = true };

    public static readonly NumberParameter<double> Epsilon =
        new("eps", Help.Eps, 1e-8, "must be > 0", x => x > 0, (o, v) => o with { Epsilon = v }) { AddedLater = true };

    /// <summary>A spec of fc layers only is the hidden net: <see cref="TrialConfig"/> reads it as <see cref="Hidden"/>.</summary>
    public static readonly LayersParameter Layers = new("layers", Help.Layers, (o, v) => o with { Layers = v }) { AddedLater = true };

    public static IReadOnlyList<HyperParameter> All { get; } =
        [LearningRate, Lambda, Hidden, Epochs, Batch, Seed, Momentum, Init, Schedule, ValidationSize, Dropout, Optimizer, Beta1, Beta2, Epsilon, Layers];

    public static IEnumerable<string> Names => All.Select(parameter => parameter.Name);

    public static HyperParameter? Find(string name) => All.FirstOrDefault(parameter => parameter.Name == name);
}
