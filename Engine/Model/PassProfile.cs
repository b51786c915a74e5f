using System.Diagnostics;

namespace Sweep.Engine.Model;

/// <summary>The kinds of pass a training step is made of, as <see cref="PassProfile"/> times them.</summary>
public enum TrainingPass
{
    /// <summary>Copying the shuffled batch into contiguous buffers (<see cref="Training.BatchGather"/>).</summary>
    Gather,
    /// <summary>The first fc layer's skip of blank input columns: finding and gathering the kept ones, scattering their gradient back.</summary>
    Compaction,
    /// <summary>
    /// The fully connected layers' matrix products: forward, weight gradients, input gradients; with the element-wise
    /// work that runs in the same pass on the same rows or columns (the first layer's bias gradient, and the bias, ReLU
    /// and ReLU backward of a layer run by blocks of rows at 2+ threads, <see cref="FullyConnectedRows"/>).
    /// </summary>
    Products,
    /// <summary>Convolutions forward and backward, their im2col, products and ReLU included, and the max-pool that follows a convolution (run chunk by chunk inside it).</summary>
    Convolution,
    /// <summary>Max-pooling forward and backward of a pool that does not follow a convolution.</summary>
    Pooling,
    /// <summary>The fc layers' bias, ReLU and dropout forward, their ReLU backward and bias gradients, where they run as passes of their own.</summary>
    Elementwise,
    /// <summary>Softmax and cross-entropy with their gradient.</summary>
    Loss,
    /// <summary>The optimiser's update of every parameter.</summary>
    Step,
}

/// <summary>
/// Time per kind of pass of the training steps that run on this thread, for the breakdown `sweep bench engine` prints:
/// which passes keep an epoch from its floor, and which grow when a second thread joins. Off unless a benchmark sets
/// <see cref="Current"/>; a pass then costs one read of a thread-static field.
/// </summary>
public sealed class PassProfile
{
    [ThreadStatic]
    private static PassProfile? current;

    private readonly long[] _ticks = new long[Enum.GetValues<TrainingPass>().Length];

    /// <summary>The profile the passes on this thread add to, or null (the default) for none.</summary>
    public static PassProfile? Current
    {
        get => current;
        set => current = value;
    }

    /// <summary>A timestamp to time the next pass from (0 when no profile is on).</summary>
    public static long Mark() => current is null ? 0 : Stopwatch.GetTimestamp();

    /// <summary>Adds the time since <paramref name="mark"/> to <paramref name="pass"/> and moves the mark to now.</summary>
    public static void Lap(ref long mark, TrainingPass pass)
    {
        if (current is not { } profile) return;
        var now = Stopwatch.GetTimestamp();
        profile._ticks[(int)pass] += now - mark;
        mark = now;
    }

    public double Seconds(TrainingPass pass) => _ticks[(int)pass] / (double)Stopwatch.Frequency;

    public void Clear() => Array.Clear(_ticks);
}
