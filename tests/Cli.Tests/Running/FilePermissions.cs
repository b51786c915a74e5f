using System.Diagnostics;

namespace Sweep.Cli.Tests.Running;

/// <summary>
/// Makes a child process obey file permissions. Root ignores them (CAP_DAC_OVERRIDE), so as root the child runs under
/// setpriv with those capabilities dropped: a file with mode 000 is then unreadable to it, as to any user.
/// </summary>
public static class FilePermissions
{
    private static readonly string[] DroppedCapabilities = ["-dac_override", "-dac_read_search"];

    /// <summary>Why permissions cannot be enforced on a child here, or null.</summary>
    public static string? WhyUnavailable =>
        Environment.IsPrivilegedProcess && !File.Exists("/usr/bin/setpriv") && !File.Exists("/bin/setpriv")
            ? "running as root without setpriv (util-linux), which the tests need to make root obey file permissions"
            : null;

    /// <summary>The same start, under setpriv without the capabilities that let root ignore permissions.</summary>
    public static ProcessStartInfo Enforced(ProcessStartInfo start)
    {
        if (!Environment.IsPrivilegedProcess) return start;
        var arguments = start.ArgumentList.ToList();
        start.ArgumentList.Clear();
        var capabilities = string.Join(',', DroppedCapabilities);
        foreach (var argument in new[] { $"--inh-caps={capabilities}", $"--bounding-set={capabilities}", "--", start.FileName })
            start.ArgumentList.Add(argument);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.FileName = "setpriv";
        return start;
    }
}
