using Sweep.Coordinator.Running;

namespace Sweep.Coordinator.Tests.Running;

/// <summary>A run view that keeps every snapshot it is shown.</summary>
public sealed class RecordingRunView : IRunView
{
    public List<ProgressSnapshot> Updates { get; } = [];

    public List<ProgressSnapshot> Finished { get; } = [];

    public void Update(ProgressSnapshot snapshot) => Updates.Add(snapshot);

    public void Finish(ProgressSnapshot snapshot) => Finished.Add(snapshot);

    public void Notice(string message) { }
}
