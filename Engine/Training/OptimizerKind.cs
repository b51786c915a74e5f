namespace Sweep.Engine.Training;

/// <summary>The update rule that turns gradients into new parameters (<see cref="Optimizers.Create"/> makes each).</summary>
public enum OptimizerKind
{
    /// <summary>Mini-batch gradient descent, with heavy-ball momentum when momentum > 0 (<see cref="SgdOptimizer"/>).</summary>
    Sgd,

    /// <summary>Nesterov momentum in PyTorch's formulation (<see cref="NesterovOptimizer"/>).</summary>
    Nesterov,

    /// <summary>Adam (Kingma &amp; Ba) with L2 0.5·λ·‖W‖² in the gradient, as PyTorch's Adam weight_decay (<see cref="AdamOptimizer"/>).</summary>
    Adam,

    /// <summary>Adam with decoupled weight decay W −= lr·λ·W (Loshchilov &amp; Hutter; <see cref="AdamOptimizer"/>).</summary>
    AdamW,
}
