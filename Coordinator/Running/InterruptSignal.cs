using System.Runtime.InteropServices;

namespace Sweep.Coordinator.Running;

/// <summary>
/// Turns Ctrl-C (SIGINT) and SIGTERM into a cancellation instead of killing the process, so running trials are
/// stopped cleanly and marked interrupted. A second signal is left to the default handler: it ends the process.
/// </summary>
public sealed class InterruptSignal : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private readonly Action<string> _notify;

    /// <param name="notify">Shows the "stopping" message; a live view draws it below its table. Default: stderr.</param>
    public InterruptSignal(CancellationToken outer, Action<string>? notify = null)
    {
        _notify = notify ?? Console.Error.WriteLine;
        _source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
    }

    public CancellationToken Token => _source.Token;

    private void Handle(PosixSignalContext context)
    {
        if (_source.IsCancellationRequested) return; // second signal: let it end the process
        context.Cancel = true;
        _notify("sweep: interrupted — stopping running trials (signal again to quit at once)");
        _source.Cancel();
    }

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _source.Dispose();
    }
}
