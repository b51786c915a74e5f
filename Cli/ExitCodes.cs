using Spectre.Console.Cli;
using Sweep.Engine.Data;
using Sweep.Engine.Model;
using Sweep.Results.Storage;
using Sweep.Cli.Arguments;
using Sweep.Coordinator.SweepFiles;
using Sweep.Trials;

namespace Sweep.Cli;

/// <summary>The exit codes every command returns, and how an escaped exception maps to one.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;

    /// <summary>
    /// Prints a one-line reason on stderr (one line per error of a sweep file); bad input is 2, anything else 1.
    /// </summary>
    public static int Report(Exception exception)
    {
        var badInput = exception is CommandAppException or UsageException or SweepFileException or DataFormatException or UnknownDatasetException or ModelFileException or NotAResultsFileException;
        var lines = exception is SweepFileException sweepFile ? sweepFile.Errors
            : exception is CommandAppException ? [SpectreMessages.InUserWords(exception.Message)]
            : [exception.Message];
        foreach (var line in lines) Console.Error.WriteLine($"sweep: {OneLine(line)}");
        return badInput ? BadInput : Failure;
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
