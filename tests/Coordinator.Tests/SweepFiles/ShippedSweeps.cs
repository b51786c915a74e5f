namespace Sweep.Coordinator.Tests.SweepFiles;

/// <summary>The sweep files shipped in the repository's sweeps/ folder.</summary>
public static class ShippedSweeps
{
    public static string Path(string name) => System.IO.Path.Combine(Repository.Root, "sweeps", name);
}
