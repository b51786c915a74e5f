namespace Sweep.Cli.Tests.Running;

/// <summary>A fact that mounts a tmpfs; skipped, saying why, only when this machine cannot mount one.</summary>
public sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute()
    {
        if (Tmpfs.WhyUnavailable is { } reason) Skip = $"cannot mount a tmpfs to fill a disk ({reason}); run the tests as root to exercise a full disk";
    }
}
