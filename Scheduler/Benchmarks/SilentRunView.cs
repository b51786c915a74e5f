using Sweep.Scheduler.Running;

namespace Sweep.Scheduler.Benchmarks;

/// <summary>Shows nothing: benchmarks print their own figures.</summary>
public sealed class SilentRunView : IRunView
{
    public void Update(ProgressSnapshot snapshot) { }
    public void Finish(ProgressSnapshot snapshot) { }
}
