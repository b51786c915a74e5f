using System.Globalization;

namespace Sweep.Scheduler.Commands;

/// <summary>Parses the --hidden value: "none" (softmax regression), "500" or "256,128".</summary>
public static class HiddenLayers
{
    public static int[] Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed.Equals("none", StringComparison.OrdinalIgnoreCase)) return [];
        return trimmed.Split(',').Select(part =>
        {
            if (!int.TryParse(part.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var width) || width < 1)
                throw new UsageException($"--hidden: '{part.Trim()}' is not a layer width (expected none, or widths >= 1 like 500 or 256,128)");
            return width;
        }).ToArray();
    }

    public static string Format(IReadOnlyList<int> hidden) => hidden.Count == 0 ? "none" : string.Join(',', hidden);
}
