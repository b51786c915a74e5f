using System.Text;
using Sweep.Results;
using Sweep.Web.Data;
using Sweep.Web.Pages;

namespace Sweep.Web;

/// <summary>
/// `sweep report SWEEP --html FILE`: the sweep page of `sweep ui` as one self-contained file — its data embedded as JSON,
/// ECharts, the script and the styles inlined — that opens from file:// with no network (no polling, no links to
/// trial pages, which need the server). Compact columns keep a 10,000-trial sweep under 5 MB.
/// </summary>
public static class HtmlReport
{
    public static byte[] Render(ResultsStore store, SweepRecord sweep) =>
        Encoding.UTF8.GetBytes(new PageShell("sweep", $"sweep {sweep.Name}", ApiPath: null, Live: false, Inline: true, Hangfire: false)
            .Render(sweep.Name, Pages.Pages.Sweep, SweepPayload.Write(store, sweep)));
}
