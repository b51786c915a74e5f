namespace Sweep.Engine.Training;

/// <summary>
/// Everything an optimiser's next updates depend on besides the parameters and the learning rate: the steps it has
/// taken (Adam's t) and its per-parameter buffers — none for plain SGD, the velocity for momentum and Nesterov, m then
/// v for Adam and AdamW. A checkpoint holds it so that a resumed run updates exactly as one that never stopped.
/// </summary>
public sealed record OptimizerState(long StepsTaken, IReadOnlyList<ParameterBuffers> Buffers);
