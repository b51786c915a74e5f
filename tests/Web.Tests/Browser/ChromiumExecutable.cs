namespace Sweep.Web.Tests.Browser;

/// <summary>
/// Where Debian's chromium is: `chromium` on PATH, else /usr/bin/chromium. The browser tests never download a browser
/// (Playwright's own builds need the internet and are not Debian's), so a missing chromium fails them, saying what to install.
/// </summary>
public static class ChromiumExecutable
{
    public const string Name = "chromium";

    public const string DebianPath = "/usr/bin/chromium";

    public static string Find() => Find(Environment.GetEnvironmentVariable("PATH"), DebianPath);

    /// <summary>The first executable `chromium` in <paramref name="pathVariable"/>'s folders, else <paramref name="fallback"/> if it exists.</summary>
    public static string Find(string? pathVariable, string fallback)
    {
        var onPath = (pathVariable ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, Name))
            .FirstOrDefault(IsExecutable);
        if (onPath is not null) return onPath;
        if (IsExecutable(fallback)) return fallback;
        throw new FileNotFoundException(
            $"{Name} not found: no '{Name}' on PATH and no {fallback}. The browser tests drive Debian's chromium and never download " +
            $"a browser: install it with `apt-get install -y chromium` (as .ci/run does).", fallback);
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
