using System.Text.Json;
using System.Text.RegularExpressions;
using Sweep.Results;

namespace Sweep.Web.Tests.Server;

/// <summary>`sweep report --html`'s page: self-contained (nothing to fetch), with the sweep's data embedded and escaped.</summary>
public sealed partial class HtmlReportTests
{
    [Fact]
    public void TheReport_InlinesEveryScriptAndStyle_AndEmbedsTheSweepsData()
    {
        using var results = new UiResultsFile();
        using var store = ResultsStore.OpenReadOnly(results.Path);

        var html = System.Text.Encoding.UTF8.GetString(HtmlReport.Render(store, store.GetSweep(UiResultsFile.SweepName)!));

        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.DoesNotContain("<link", html);
        Assert.Contains("data-live=\"false\"", html);
        Assert.Contains("Apache", html); // ECharts' own licence header comes inlined with it
        Assert.DoesNotContain("<script>alert", html);
        var data = DataElement().Match(html);
        Assert.True(data.Success, "no page-data element");
        var embedded = JsonDocument.Parse(data.Groups[1].Value).RootElement;
        Assert.Equal(6, embedded.GetProperty("trials").GetProperty("hash").GetArrayLength());
    }

    /// <summary>A src or href that would load something: the report must work from file:// with no network.</summary>
    [GeneratedRegex("""(src|href)\s*=\s*["']?(https?:|//|/assets)""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    [GeneratedRegex("""<script type="application/json" id="page-data">(.*?)</script>""", RegexOptions.Singleline)]
    private static partial Regex DataElement();
}
