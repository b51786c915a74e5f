using Sweep.Coordinator.Running;

namespace Sweep.Coordinator.Tests.Running;

/// <summary>A run view that keeps every snapshot it is shown.</summary>
public sealed class RecordingRunView : IRunView
{
    public List<ProgressSnapshot> Updates { get; } = [];

    public List<ProgressSnapshot> Finished { get; } = [];

    public void Update(ProgressSnapshot snapshot)
    {
        lock (Updates) Updates.Add(snapshot);
    }

    /// <summary>Whether any update so far matches: safe to ask from another thread while the run goes on.</summary>
    public bool Seen(Func<ProgressSnapshot, bool> match)
    {
        lock (Updates) return Updates.Any(match);
    }

    public void Finish(ProgressSnapshot snapshot) => Finished.Add(snapshot);

    public void Notice(string message) { }
}
