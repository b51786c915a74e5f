using Sweep.Engine.Data;
using Sweep.Results;
using Sweep.Web;

namespace Sweep.Cli.Commands;

/// <summary>`sweep report SWEEP --html FILE`: the self-contained sweep page, written atomically (never a half file under the name).</summary>
public static class HtmlReportFile
{
    public static int Write(ResultsStore store, SweepRecord sweep, string path)
    {
        SavePath.CheckWritable(path, "--html");
        var fullPath = Path.GetFullPath(path);
        var html = HtmlReport.Render(store, sweep);
        AtomicFile.Write(fullPath, html, fullPath + ".tmp");
        Console.Error.WriteLine($"sweep report: wrote {fullPath} ({html.Length / 1024.0 / 1024.0:0.0} MB), the page of sweep '{sweep.Name}'; open it in a browser, no network needed");
        return ExitCodes.Ok;
    }
}
