namespace Sweep.Web.Assets;

/// <summary>
/// The scripts and styles the pages use, built into this assembly (Web.csproj embeds Assets/**): the server serves them
/// under /assets/ and the HTML report inlines them, so nothing is ever fetched from another host.
/// </summary>
public static class EmbeddedAssets
{
    public const string EChartsPath = "vendor/echarts-6.1.0/echarts.min.js";
    public const string ScriptPath = "ui.js";
    public const string StylePath = "app.css";

    private static readonly Dictionary<string, byte[]> Cache = new(StringComparer.Ordinal);

    /// <summary>The asset at <paramref name="path"/> (relative to Assets/), or null when there is none.</summary>
    public static byte[]? Read(string path)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(path, out var cached)) return cached;
            using var stream = typeof(EmbeddedAssets).Assembly.GetManifestResourceStream(path);
            if (stream is null) return null;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return Cache[path] = copy.ToArray();
        }
    }

    public static string Text(string path) =>
        System.Text.Encoding.UTF8.GetString(Read(path) ?? throw new InvalidOperationException($"Sweep.Web has no embedded asset {path}"));

    public static string ContentType(string path) =>
        path.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
}
