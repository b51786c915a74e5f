using System.Globalization;

namespace Sweep.Trials;

/// <summary>
/// A moment as every store writes it: ISO-8601 UTC with milliseconds ("2026-11-29T18:18:08.799Z"), the form SQLite's
/// strftime('%Y-%m-%dT%H:%M:%fZ') gives, so a worker's times copied from the queue sort with the results file's own.
/// </summary>
public static class UtcStamp
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string Of(DateTime time) => time.ToUniversalTime().ToString(Format, CultureInfo.InvariantCulture);

    public static DateTime? Parse(string? text) => DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture,
        DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time : null;
}
