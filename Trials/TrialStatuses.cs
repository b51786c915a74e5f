namespace Sweep.Trials;

/// <summary>
/// What each <see cref="TrialStatus"/> means to a run, defined once: the C# predicates below, and the SQL text the
/// results file's statements use, generated from those predicates (a test runs both in SQLite for every status).
/// Statuses are stored as their lowercase names, so plain SQL reads `where status = 'completed'`.
/// </summary>
public static class TrialStatuses
{
    public static IReadOnlyList<TrialStatus> All { get; } = Enum.GetValues<TrialStatus>();

    /// <summary>The stored and printed name: "completed", "diverged"…</summary>
    public static string Name(this TrialStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>Completed, diverged or pruned: the trial has its result; only --retry-failed trains a diverged one again.</summary>
    public static bool IsResult(this TrialStatus status) => status is TrialStatus.Completed or TrialStatus.Diverged or TrialStatus.Pruned;

    /// <summary>A result or a failure: a run without --retry-failed does not train it again.</summary>
    public static bool IsFinal(this TrialStatus status) => status.IsResult() || status == TrialStatus.Failed;

    /// <summary>The attempt is over (an outcome has this status): neither waiting nor running.</summary>
    public static bool IsEnded(this TrialStatus status) => status is not (TrialStatus.Pending or TrialStatus.Running);

    /// <summary>
    /// A run puts the trial back to pending: a running one was left by a process that died (the stores check that its
    /// lease has expired first: a live lease means another process is training it), an interrupted one was stopped
    /// through no fault of its own; with --retry-failed, a failed or diverged one too.
    /// </summary>
    public static bool IsRerunnable(this TrialStatus status, bool retryFailed) =>
        status is TrialStatus.Running or TrialStatus.Interrupted
        || (retryFailed && status is TrialStatus.Failed or TrialStatus.Diverged);

    /// <summary>Every status, as SQL: "('pending', 'running', …)".</summary>
    public static string AllSql { get; } = SqlList(_ => true);

    /// <summary>The statuses that are results, as SQL: "('completed', 'diverged', 'pruned')".</summary>
    public static string ResultSql { get; } = SqlList(IsResult);

    /// <summary>
    /// <see cref="IsRerunnable"/> over the column `status`, with --retry-failed as the parameter @RetryFailed:
    /// "(status IN ('running', 'interrupted') OR (@RetryFailed AND status IN ('diverged', 'failed')))".
    /// </summary>
    public static string RerunnableSql { get; } =
        $"(status IN {SqlList(status => status.IsRerunnable(false))} OR (@RetryFailed AND status IN " +
        $"{SqlList(status => status.IsRerunnable(true) && !status.IsRerunnable(false))}))";

    private static string SqlList(Func<TrialStatus, bool> include) =>
        "(" + string.Join(", ", All.Where(include).Select(status => $"'{status.Name()}'")) + ")";
}
