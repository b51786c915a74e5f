using System.Text;
using System.Text.Encodings.Web;
using Sweep.Web.Assets;

namespace Sweep.Web.Pages;

/// <summary>
/// The HTML around every page: header, navigation, the page's skeleton, its data as JSON in a
/// &lt;script type="application/json"&gt; (drawn at once, then polled when live), and the scripts. Every value that came
/// from the results file is HTML-encoded here; ui.js writes the rest through textContent.
/// </summary>
public sealed record PageShell(string Kind, string Title, string? ApiPath, bool Live, bool Inline, bool Hangfire)
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    public static string Encode(string value) => Encoder.Encode(value);

    /// <param name="skeleton">HTML this code wrote (headings, empty containers); values in it must come through <see cref="Encode"/>.</param>
    /// <param name="dataJson">JSON from <see cref="Data.CompactJson"/>: its encoder escapes &lt; and &amp;, so it cannot close the element.</param>
    public string Render(string heading, string skeleton, byte[]? dataJson)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<title>").Append(Encode(Title)).Append("</title>\n");
        if (Inline) html.Append("<style>\n").Append(EmbeddedAssets.Text(EmbeddedAssets.StylePath)).Append("</style>\n");
        else html.Append("<link rel=\"stylesheet\" href=\"/assets/").Append(EmbeddedAssets.StylePath).Append("\">\n");
        html.Append("</head>\n<body data-page=\"").Append(Encode(Kind)).Append('"');
        if (ApiPath is not null) html.Append(" data-api=\"").Append(Encode(ApiPath)).Append('"');
        html.Append(" data-live=\"").Append(Live ? "true" : "false").Append('"');
        html.Append(" data-trial-links=\"").Append(Inline ? "false" : "true").Append("\">\n");
        html.Append("<header><nav>");
        if (!Inline) html.Append("<a href=\"/\">sweeps</a>");
        if (Hangfire) html.Append("<a href=\"/hangfire\">queue (Hangfire)</a>");
        html.Append("</nav><h1 id=\"heading\">").Append(Encode(heading)).Append("</h1></header>\n<main>\n");
        html.Append(skeleton);
        html.Append("</main>\n");
        if (dataJson is not null)
            html.Append("<script type=\"application/json\" id=\"page-data\">").Append(Encoding.UTF8.GetString(dataJson)).Append("</script>\n");
        AppendScript(html, EmbeddedAssets.EChartsPath);
        AppendScript(html, EmbeddedAssets.ScriptPath);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private void AppendScript(StringBuilder html, string path)
    {
        if (!Inline)
        {
            html.Append("<script src=\"/assets/").Append(path).Append("\"></script>\n");
            return;
        }
        // A script element ends at the first "</script" whatever the JavaScript means; the vendored files have none, but check.
        var script = EmbeddedAssets.Text(path);
        if (script.Contains("</script", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"{path} contains </script and cannot be inlined");
        html.Append("<script>").Append(script).Append("</script>\n");
    }
}
