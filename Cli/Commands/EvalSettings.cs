using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Sweep.Cli.Commands;

public sealed class EvalSettings : DataSettings
{
    [CommandArgument(0, "<MODEL>")]
    [Description("A model file written by `sweep train --save`")]
    public string Model { get; init; } = "";

    [CommandOption("--threads <N>")]
    [Description("Threads for the matrix products. Default: 1")]
    public int Threads { get; init; } = 1;

    public override ValidationResult Validate() =>
        Threads < 1 ? ValidationResult.Error($"--threads must be >= 1 (got {Threads})") : base.Validate();
}
