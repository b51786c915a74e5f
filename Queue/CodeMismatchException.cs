namespace Sweep.Queue;

/// <summary>A worker refused a trial job queued by other code; <see cref="CodeMismatchFilter"/> schedules the job again.</summary>
public sealed class CodeMismatchException(string message) : Exception(message);
