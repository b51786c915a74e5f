using System.Text;
using Spectre.Console.Cli;
using Sweep.Engine.Data;
using Sweep.Results;
using Sweep.Results.Exports;

namespace Sweep.Cli.Commands;

/// <summary>
/// `sweep export SWEEP --trials|--epochs --format csv|json [-o FILE]`: a sweep's trials (see <see cref="TrialExport"/>)
/// or epochs (<see cref="EpochExport"/>) for pandas, a spreadsheet or jq. stdout carries the data and nothing else;
/// with -o the same bytes go to FILE atomically, and the one line saying so goes to stderr.
/// </summary>
public sealed class ExportCommand : Command<ExportSettings>
{
    public override int Execute(CommandContext context, ExportSettings settings, CancellationToken cancellation)
    {
        if (settings.Output is { } output) SavePath.CheckWritable(output, "-o");
        using var store = ResultsLocation.OpenExisting(settings.Results);
        var sweep = StoredSweep.Require(store, settings.Sweep);
        var table = settings.Epochs
            ? EpochExport.Build(sweep.Name, store.SweepEpochs(sweep.Name))
            : TrialExport.Build(sweep.Name, store.TrialDetails(sweep.Name));
        if (settings.Output is null)
        {
            using var stdout = Console.OpenStandardOutput();
            Write(table, settings.Format, stdout);
            return ExitCodes.Ok;
        }
        var path = Path.GetFullPath(settings.Output);
        WriteFile(path, file => Write(table, settings.Format, file));
        Console.Error.WriteLine($"sweep export {sweep.Name}: {Plural.Count(table.Rows.Count, settings.Epochs ? "epoch" : "trial")} → {path}");
        return ExitCodes.Ok;
    }

    /// <summary>The table as UTF-8 (no byte-order mark) straight into <paramref name="stream"/>, never whole in memory.</summary>
    private static void Write(ExportTable table, string format, Stream stream)
    {
        using var text = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16, leaveOpen: true);
        ExportFormats.Write(table, format, text);
    }

    /// <summary>A crash or full disk leaves the old FILE or the new one, never half of it, and no temporary file.</summary>
    private static void WriteFile(string path, Action<Stream> write)
    {
        try
        {
            AtomicFile.Write(path, $"{path}.{Environment.ProcessId}.tmp", write);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"-o {path}: cannot write ({error.Message})", error);
        }
    }
}
