namespace Sweep.Engine.Training;

/// <summary>How the learning rate changes over a run; the rate given is the one at the first step.</summary>
public enum LearningRateSchedule
{
    /// <summary>The same rate at every step: plain mini-batch gradient descent.</summary>
    Constant,

    /// <summary>Falls linearly from the rate at the first step to zero after the last step.</summary>
    Linear,

    /// <summary>
    /// Constant for the first 80 % of the steps, then linear to zero: the noise of a large constant rate is averaged
    /// out at the end without giving up its progress (the "warmup-stable-decay" shape, without warmup).
    /// </summary>
    Cooldown,

    /// <summary>Half a cosine from the rate at the first step to zero after the last step.</summary>
    Cosine,
}
