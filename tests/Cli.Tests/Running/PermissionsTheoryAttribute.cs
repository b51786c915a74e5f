namespace Sweep.Cli.Tests.Running;

/// <summary>A theory about files a process may not read or write; skipped, saying why, only when permissions cannot be enforced.</summary>
public sealed class PermissionsTheoryAttribute : TheoryAttribute
{
    public PermissionsTheoryAttribute()
    {
        if (FilePermissions.WhyUnavailable is { } reason) Skip = reason;
    }
}
