using System.ComponentModel;
using Spectre.Console.Cli;

namespace Sweep.Cli.Commands;

/// <summary>Arguments of `sweep data get &lt;dataset&gt; [--from DIR|URL] [--data-dir DIR]`.</summary>
public sealed class DataGetSettings : CommandSettings
{
    [CommandArgument(0, "<dataset>")]
    [Description("Dataset to fetch (known: mnist)")]
    public string Dataset { get; set; } = "";

    [CommandOption("--from <SOURCE>")]
    [Description("Take the files from this folder (raw or .gz) or http(s) base URL instead of the public mirrors and npm")]
    public string? From { get; set; }

    [CommandOption("--data-dir <DIR>")]
    [Description("Data root to fill (default: $SWEEP_DATA_DIR, else $XDG_CACHE_HOME/sweep/datasets or ~/.cache/sweep/datasets)")]
    public string? DataDir { get; set; }
}
