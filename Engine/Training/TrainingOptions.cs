using Sweep.Engine.Model;

namespace Sweep.Engine.Training;

/// <summary>
/// Everything that determines a training run; the same options, data and seed give bit-identical results
/// for any <see cref="Threads"/>. Validate() names the first rule broken and the value.
/// </summary>
public sealed record TrainingOptions
{
    public IReadOnlyList<int> Hidden { get; init; } = [];

    /// <summary>Hidden layers as a network spec (<see cref="LayerSpec"/>: conv, pool, fc); empty means <see cref="Hidden"/> says.</summary>
    public IReadOnlyList<LayerSpec> Layers { get; init; } = [];

    /// <summary>The hidden layers trained: <see cref="Layers"/>, or <see cref="Hidden"/>'s widths as fc layers.</summary>
    public IReadOnlyList<LayerSpec> HiddenLayers => Layers.Count > 0 ? Layers : Hidden.Select(LayerSpec.FullyConnected).ToArray();

    /// <summary>
    /// What the network takes from data of <paramref name="dataShape"/>: the image itself when a layer is a convolution or a
    /// pool, else the flat 1×1×features that fully connected layers read, so an fc-only spec is the same network as <c>hidden</c>.
    /// </summary>
    public ImageShape InputShape(ImageShape dataShape) =>
        HiddenLayers.All(layer => layer.Kind == LayerKind.FullyConnected) ? new ImageShape(1, 1, dataShape.Features) : dataShape;

    public double LearningRate { get; init; } = 0.1;
    public double Lambda { get; init; } = 1e-4;
    public int BatchSize { get; init; } = 100;
    public int Epochs { get; init; } = 10;
    public ulong Seed { get; init; } = 1;
    public double Momentum { get; init; }
    public WeightInit Init { get; init; } = WeightInit.Gaussian;
    public int Threads { get; init; } = 1;
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Cooldown;

    /// <summary>p of inverted dropout after every hidden layer's ReLU, in training only (<see cref="DropoutMask"/>); 0 is off.</summary>
    public double Dropout { get; init; }

    /// <summary>The update rule; <see cref="Momentum"/> is read by sgd and nesterov, the betas and epsilon by adam and adamw.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Sgd;

    /// <summary>Adam's decay rate of the first moment (the mean of the gradients).</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam's decay rate of the second moment (the mean of the squared gradients).</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Adam's ε, added to √v̂ so that a parameter with vanishing gradients takes no huge step.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>Fraction of the steps after which the cooldown schedule starts its linear decay.</summary>
    public const double CooldownStart = 0.8;

    /// <summary>The learning rate of a step, with <paramref name="progress"/> = steps done / all steps, in [0, 1).</summary>
    public double LearningRateAt(double progress) => Schedule switch
    {
        LearningRateSchedule.Linear => LearningRate * (1 - progress),
        LearningRateSchedule.Cooldown => progress < CooldownStart ? LearningRate : LearningRate * (1 - progress) / (1 - CooldownStart),
        LearningRateSchedule.Cosine => LearningRate * 0.5 * (1 + Math.Cos(Math.PI * progress)),
        _ => LearningRate,
    };

    /// <summary>Throws ArgumentException naming the rule and the value when an option is out of range.</summary>
    public void Validate()
    {
        Require(LearningRate > 0 && double.IsFinite(LearningRate), $"lr must be > 0 (got {LearningRate})");
        Require(Lambda >= 0 && double.IsFinite(Lambda), $"lambda must be >= 0 (got {Lambda})");
        Require(BatchSize >= 1, $"batch must be >= 1 (got {BatchSize})");
        Require(Epochs >= 1, $"epochs must be >= 1 (got {Epochs})");
        Require(Momentum >= 0 && Momentum < 1, $"momentum must be in [0, 1) (got {Momentum})");
        Require(Dropout >= 0 && Dropout < 1, $"dropout must be in [0, 1) (got {Dropout})");
        Require(Enum.IsDefined(Optimizer), $"optimizer must be one of sgd, nesterov, adam, adamw (got {Optimizer})");
        Require(Beta1 >= 0 && Beta1 < 1, $"beta1 must be in [0, 1) (got {Beta1})");
        Require(Beta2 >= 0 && Beta2 < 1, $"beta2 must be in [0, 1) (got {Beta2})");
        Require(Epsilon > 0 && double.IsFinite(Epsilon), $"eps must be > 0 (got {Epsilon})");
        Require(Threads >= 1, $"threads must be >= 1 (got {Threads})");
        foreach (var width in Hidden) Require(width >= 1, $"hidden widths must be >= 1 (got {width})");
        Require(Hidden.Count == 0 || Layers.Count == 0,
            $"give hidden or layers, not both (hidden=[{string.Join(',', Hidden)}], layers=[{LayerSpec.Format(Layers)}])");
    }

    /// <summary>
    /// <see cref="Validate()"/>, then the rule that needs the data's shape: the run must fit in
    /// <paramref name="memoryBudgetBytes"/> (see <see cref="TrainingMemory"/>); the message names the layer and the excess.
    /// `train` and the sweep front end both call this before any work, so a run never starts only to exhaust memory.
    /// </summary>
    /// <remarks>A spec with convolutions reads <paramref name="inFeatures"/> as a square single-channel image (MNIST's 28×28).</remarks>
    public void Validate(int inFeatures, int classes, int trainingExamples, long memoryBudgetBytes)
    {
        Validate();
        if (TrainingMemory.Problem(this, inFeatures, classes, trainingExamples, memoryBudgetBytes) is { } problem)
            throw new ArgumentException(problem);
    }

    /// <summary><see cref="Validate(int, int, int, long)"/> for data of a known image shape; also refuses layers that do not fit it.</summary>
    public void Validate(ImageShape input, int classes, int trainingExamples, long memoryBudgetBytes)
    {
        Validate();
        if (TrainingMemory.Problem(this, input, classes, trainingExamples, memoryBudgetBytes) is { } problem)
            throw new ArgumentException(problem);
    }

    private static void Require(bool condition, string message)
    {
        if (!condition) throw new ArgumentException(message);
    }
}
