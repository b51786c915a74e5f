using Sweep.Engine.Data;

namespace Sweep.Cli.Commands;

/// <summary>Fetch progress as plain lines on stderr, for logs and pipes: one when a file starts, one when it is copied.</summary>
public sealed class PlainFetchProgress(TextWriter output) : IProgress<FetchProgress>
{
    public void Report(FetchProgress value)
    {
        if (value.BytesTotal is null && value.BytesDone == 0)
            output.WriteLine($"fetching {value.FileName} from {value.Source}");
        else if (value.BytesDone == value.BytesTotal)
            output.WriteLine($"  {value.FileName}: {value.BytesDone:N0} bytes received, verifying");
    }
}
