using Hangfire;
using Hangfire.Common;
using Sweep.Worker.Trials;

namespace Sweep.Scheduler.Queue;

/// <summary>
/// Anyone who can write the queue database can ask a default Hangfire server to call any method of any loadable type.
/// This process resolves only the types our trial job needs, before any assembly is loaded for a name, and refuses
/// everything else with a log line; the job then fails in the queue without running.
/// </summary>
public static class JobTypeAllowList
{
    private static readonly HashSet<string> Allowed =
    [
        typeof(TrialJob).FullName!,
        typeof(string).FullName!,
        typeof(CancellationToken).FullName!,
    ];

    private static int _installed;

    /// <summary>Installs the resolver and the server filter for the whole process (idempotent).</summary>
    public static void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 1) return;
        GlobalConfiguration.Configuration.UseTypeResolver(Resolve);
        GlobalJobFilters.Filters.Add(new OnlyTrialJobsFilter());
    }

    public static bool IsAllowed(string typeName) => Allowed.Contains(FullName(typeName));

    public static Type Resolve(string typeName)
    {
        if (!IsAllowed(typeName))
        {
            Console.Error.WriteLine($"sweep: refused a queued job naming type '{FullName(typeName)}': only {typeof(TrialJob).FullName} jobs run here");
            throw new JobLoadException($"type '{FullName(typeName)}' is not allowed on this worker", new InvalidOperationException("not on the allow-list"));
        }
        return TypeHelper.DefaultTypeResolver(typeName);
    }

    /// <summary>"Namespace.Type, Assembly, Version=..." → "Namespace.Type".</summary>
    private static string FullName(string typeName)
    {
        var comma = typeName.IndexOf(',', StringComparison.Ordinal);
        return (comma < 0 ? typeName : typeName[..comma]).Trim();
    }
}
