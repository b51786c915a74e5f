using System.ComponentModel;
using Spectre.Console.Cli;

namespace Sweep.Scheduler.Commands;

public sealed class EvalSettings : DataSettings
{
    [CommandArgument(0, "<MODEL>")]
    [Description("A model file written by `sweep train --save`")]
    public string Model { get; init; } = "";

    [CommandOption("--threads <N>")]
    [Description("Threads for the matrix products. Default: 1")]
    public int Threads { get; init; } = 1;
}
