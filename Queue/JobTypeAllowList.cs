using System.Text;
using Hangfire;
using Hangfire.Common;
using Sweep.Trials;

namespace Sweep.Queue;

/// <summary>
/// Anyone who can write the queue database can ask a default Hangfire server to call any method of any type it can
/// load, e.g. System.IO.File.WriteAllText or System.Diagnostics.Process.Start. This process therefore resolves the
/// type names stored in jobs through a fixed table: our trial job and the types of its arguments, each from its own
/// assembly. Every other name is refused with a line on stderr before any assembly is loaded for it, and the job fails
/// in the queue without running. <see cref="OnlyTrialJobsFilter"/> and <see cref="TrialJobActivator"/> are the
/// further lines of defence should a type ever get past this one.
/// </summary>
public static class JobTypeAllowList
{
    /// <summary>Names under which the runtime library's types are written by .NET Framework, .NET and netstandard.</summary>
    private static readonly string[] CoreLibraryNames = ["mscorlib", "System.Private.CoreLib", "netstandard", "System.Runtime"];

    /// <summary>TrialJob.Run(string trialHash, string configJson, string code, CancellationToken cancellation): nothing else resolves.</summary>
    private static readonly Dictionary<string, (Type Type, string[] Assemblies)> Allowed = new[]
    {
        (typeof(TrialJob), new[] { typeof(TrialJob).Assembly.GetName().Name! }),
        (typeof(string), CoreLibraryNames),
        (typeof(CancellationToken), CoreLibraryNames),
    }.ToDictionary(entry => entry.Item1.FullName!, entry => entry, StringComparer.Ordinal);

    private static readonly Lock InstallGate = new();
    private static bool _installed;

    /// <summary>Installs the type resolver and the job filter for the whole process; calling it again does nothing.</summary>
    public static void Install()
    {
        lock (InstallGate)
        {
            if (_installed) return;
            GlobalConfiguration.Configuration.UseTypeResolver(Resolve);
            // Last in order, so that its verdict on a foreign job's state stands after AutomaticRetry's.
            GlobalJobFilters.Filters.Add(new OnlyTrialJobsFilter(), int.MaxValue);
            GlobalJobFilters.Filters.Add(new CodeMismatchFilter());
            _installed = true;
        }
    }

    /// <summary>The type named by a job, if it is on the list; otherwise logs and throws <see cref="JobRefusedException"/>.</summary>
    public static Type Resolve(string typeName)
    {
        if (TryResolve(typeName, out var type)) return type;
        var shown = Printable(typeName);
        Console.Error.WriteLine($"sweep: refused to load type '{shown}' named by a queued job: only {typeof(TrialJob).FullName} jobs run here");
        throw new JobRefusedException($"type '{shown}' is not on this worker's allow-list");
    }

    /// <summary>"Namespace.Type, Assembly[, Version=..., Culture=..., PublicKeyToken=...]" → the allowed type, never a load.</summary>
    public static bool TryResolve(string typeName, out Type type)
    {
        type = typeof(void);
        var parts = typeName.Split(',', StringSplitOptions.TrimEntries);
        if (!Allowed.TryGetValue(parts[0], out var entry)) return false;
        // A bare name is how Hangfire writes some core types; any assembly named must be the type's own.
        if (parts.Length > 1 && !entry.Assemblies.Contains(parts[1], StringComparer.Ordinal)) return false;
        type = entry.Type;
        return true;
    }

    /// <summary>The name as it may appear in a log line: one line, bounded length (it comes from whoever wrote the job).</summary>
    private static string Printable(string text)
    {
        var shown = new StringBuilder();
        foreach (var character in text.Take(200)) shown.Append(char.IsControl(character) ? '?' : character);
        if (text.Length > 200) shown.Append('…');
        return shown.ToString();
    }
}
