using Sweep.Engine.Model;

namespace Sweep.Engine.Training;

/// <summary>The optimiser that <see cref="TrainingOptions"/> name, and the state it keeps (what memory and checkpoints must hold).</summary>
public static class Optimizers
{
    public static Optimizer Create(Network network, TrainingOptions options) => options.Optimizer switch
    {
        OptimizerKind.Sgd => new SgdOptimizer(network, options.LearningRate, options.Momentum, options.Lambda) { Threads = options.Threads },
        OptimizerKind.Nesterov => new NesterovOptimizer(network, options.LearningRate, options.Momentum, options.Lambda) { Threads = options.Threads },
        OptimizerKind.Adam or OptimizerKind.AdamW => new AdamOptimizer(network, options.LearningRate, options.Beta1, options.Beta2,
            options.Epsilon, options.Lambda, decoupled: options.Optimizer == OptimizerKind.AdamW) { Threads = options.Threads },
        var other => throw new ArgumentException($"optimizer {other} is not one of sgd, nesterov, adam, adamw"),
    };

    /// <summary>Copies of the parameters the optimiser keeps: 0 (plain SGD), 1 (a velocity), 2 (Adam's m and v).</summary>
    public static int StateBuffers(TrainingOptions options) => options.Optimizer switch
    {
        OptimizerKind.Sgd => options.Momentum > 0 ? 1 : 0,
        OptimizerKind.Nesterov => 1,
        _ => 2,
    };

    /// <summary>What the state is, in words for a memory message: "momentum", "Adam's moments", or null when there is none.</summary>
    public static string? StateName(TrainingOptions options) => StateBuffers(options) switch
    {
        0 => null,
        1 => "momentum",
        _ => "Adam's moments",
    };
}
