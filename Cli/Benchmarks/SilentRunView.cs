using Sweep.Coordinator.Running;

namespace Sweep.Cli.Benchmarks;

/// <summary>Shows nothing: benchmarks print their own figures.</summary>
public sealed class SilentRunView : IRunView
{
    public void Update(ProgressSnapshot snapshot) { }
    public void Finish(ProgressSnapshot snapshot) { }
}
