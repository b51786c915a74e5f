using System.Globalization;

namespace Sweep.Results;

/// <summary>
/// "1 trial", "2 trials": the one way every message and report prints a count with its noun, so no line reads
/// "1 trials".
/// </summary>
public static class Plural
{
    /// <param name="plural">The plural when it is not <paramref name="noun"/> + "s" (worker processes).</param>
    public static string Count(long count, string noun, string? plural = null) =>
        $"{count.ToString(CultureInfo.InvariantCulture)} {(count == 1 ? noun : plural ?? noun + "s")}";
}
