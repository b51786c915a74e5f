using Sweep.Engine.Data;
using Sweep.Engine.Model;

namespace Sweep.Engine.Training;

/// <summary>
/// One step of mini-batch training, the only way <see cref="Trainer"/> changes a network: forward, the gradient of the
/// mean cross-entropy (<see cref="NetworkWorkspace.Backward"/>), then <see cref="Optimizer.Step"/>, which (SGD, Nesterov,
/// Adam) adds weight decay's gradient λ·W to the weights' (never the biases') and updates every parameter. The objective
/// descended is therefore mean cross-entropy + 0.5·λ·‖W‖² (AdamW decays the weights apart from it and descends the mean
/// cross-entropy alone); the gradient check runs this step, so it checks what training runs.
/// </summary>
public static class TrainingStep
{
    /// <summary>
    /// images: [batch, inFeatures]. Returns the batch's objective before the update: mean cross-entropy (of the network
    /// thinned by <paramref name="dropout"/>, when given) + 0.5·λ·‖W‖² (λ being <see cref="Optimizer.LossLambda"/>).
    /// </summary>
    public static double Run(Network network, NetworkWorkspace workspace, Optimizer optimizer,
        ReadOnlySpan<float> images, ReadOnlySpan<byte> labels, int batch, DropoutMask dropout = default)
    {
        workspace.Forward(images, batch, dropout);
        return BackwardAndStep(network, workspace, optimizer, images, labels, batch);
    }

    /// <summary>The same step on a batch of 8-bit dataset rows (<see cref="NetworkWorkspace.TakesPixelRows"/>): the same bits.</summary>
    public static double Run(Network network, NetworkWorkspace workspace, Optimizer optimizer,
        ShuffledPixelRows images, ReadOnlySpan<byte> labels, int batch, DropoutMask dropout = default)
    {
        workspace.Forward(images, batch, dropout);
        return BackwardAndStep(network, workspace, optimizer, [], labels, batch);
    }

    private static double BackwardAndStep(Network network, NetworkWorkspace workspace, Optimizer optimizer,
        ReadOnlySpan<float> images, ReadOnlySpan<byte> labels, int batch)
    {
        var dataLoss = workspace.Backward(images, labels, batch);
        var mark = PassProfile.Mark();
        // The optimiser returns ‖W‖² from its own pass over the weights: the L2 term costs no extra pass.
        var sumOfSquares = optimizer.Step(network, workspace.Gradients);
        PassProfile.Lap(ref mark, TrainingPass.Step);
        return dataLoss + 0.5 * optimizer.LossLambda * sumOfSquares;
    }
}
