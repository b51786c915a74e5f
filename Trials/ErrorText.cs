namespace Sweep.Trials;

/// <summary>How an error message is shortened for a one-line log or progress entry (the full text stays in results.db).</summary>
public static class ErrorText
{
    public static string FirstLine(string? text) => text is null ? "" : text.Split('\n')[0].Trim();
}
