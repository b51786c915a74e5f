namespace Sweep.Web.Pages;

/// <summary>The skeleton of each page: the containers ui.js fills, with the ids tests and the harness look for.</summary>
public static class Pages
{
    public const string Index = """
        <h2>Sweeps</h2>
        <div id="sweeps"></div>

        """;

    public const string Sweep = """
        <div id="summary"></div>
        <h2>Charts</h2>
        <div class="charts" id="charts">
        <div class="chart-box" id="chart-curves-box"><h3>Learning curves (pruned trials dimmed; click a curve to open its trial)</h3>
        <label>metric <select id="curve-metric"><option value="val_acc">val_acc</option><option value="val_loss">val_loss</option><option value="train_loss">train_loss</option></select></label>
        <div class="chart" id="chart-curves"></div></div>
        <div class="chart-box" id="chart-parallel-box"><h3>Parallel coordinates: parameters and the metric</h3><div class="chart" id="chart-parallel"></div></div>
        <div class="chart-box" id="chart-importance-box"><h3>Parameter importance</h3><p class="note" id="importance-method"></p><div class="chart" id="chart-importance"></div></div>
        <div class="chart-box" id="chart-best-so-far-box"><h3>Best so far, against trials ended and against epochs consumed</h3><div class="chart" id="chart-best-so-far"></div></div>
        </div>
        <div class="charts" id="charts-vs"></div>
        <h2>Trials</h2>
        <div class="controls">
        <label>filter <input id="trial-filter" type="search" placeholder="any column"></label>
        <label>status <select id="status-filter"><option value="">any</option><option>completed</option><option>running</option><option>pending</option><option>pruned</option><option>diverged</option><option>failed</option><option>interrupted</option></select></label>
        </div>
        <div id="trials"></div>

        """;

    public const string Trial = """
        <h2>State and timing</h2>
        <div id="facts"></div>
        <h2>Error of the latest attempt</h2>
        <div id="error"></div>
        <h2>Configuration</h2>
        <div id="config"></div>
        <h2>Metrics</h2>
        <div id="metrics"></div>
        <h2>Per-epoch curves</h2>
        <div class="chart-box"><div class="chart" id="chart-trial-curves"></div></div>
        <h2>Pruning decisions</h2>
        <div id="decisions"></div>

        """;

    /// <summary>The 404 page: what was asked for, encoded, and where to go.</summary>
    public static string NotFound(string what) =>
        $"<p id=\"not-found\">No {PageShell.Encode(what)} in this results file.</p>\n<p><a href=\"/\">All sweeps</a></p>\n";
}
