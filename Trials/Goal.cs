namespace Sweep.Trials;

/// <summary>Whether a larger or a smaller metric is better. Stored and shown as its lowercase name (see <see cref="Goals"/>).</summary>
public enum Goal
{
    Maximize,
    Minimize,
}
