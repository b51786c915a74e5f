using Spectre.Console.Cli;
using Sweep.Engine.Data;
using Sweep.Engine.Model;

namespace Sweep.Scheduler;

/// <summary>The exit codes every command returns, and how an escaped exception maps to one.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;

    /// <summary>Prints a one-line reason on stderr; bad arguments and unreadable input files are 2, anything else 1.</summary>
    public static int Report(Exception exception)
    {
        var badInput = exception is CommandAppException or UsageException or DataFormatException or UnknownDatasetException or ModelFileException;
        Console.Error.WriteLine($"sweep: {OneLine(exception.Message)}");
        return badInput ? BadInput : Failure;
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
