namespace Sweep.Engine.Tests;

/// <summary>
/// Finds the real MNIST files for tests: $SWEEP_DATA_DIR/mnist (CI sets it), else the first
/// shared/datasets/mnist found walking up from the test binaries (the repo sits beside shared/).
/// The folder is read-only: tests copy from it, never write into it.
/// </summary>
public static class TestData
{
    private static readonly Lazy<string> Folder = new(FindMnist);

    /// <summary>Full path of the folder holding the four real MNIST .gz files.</summary>
    public static string MnistFolder => Folder.Value;

    /// <summary>The data root that holds mnist/, i.e. what --data-dir would be.</summary>
    public static string DataRoot => Path.GetDirectoryName(MnistFolder)!;

    private static string FindMnist()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("SWEEP_DATA_DIR");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            var candidate = Path.GetFullPath(Path.Combine(fromEnvironment, "mnist"));
            if (HoldsMnist(candidate)) return candidate;
            throw new InvalidOperationException(
                $"SWEEP_DATA_DIR={fromEnvironment}, but {candidate} does not hold train-images-idx3-ubyte.gz; point it at the folder that holds mnist/");
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "datasets", "mnist");
            if (HoldsMnist(candidate)) return candidate;
        }
        throw new InvalidOperationException(
            $"real MNIST not found: set SWEEP_DATA_DIR to the folder holding mnist/, or keep shared/datasets/mnist beside the repository (searched upward from {AppContext.BaseDirectory})");
    }

    private static bool HoldsMnist(string folder) => File.Exists(Path.Combine(folder, "train-images-idx3-ubyte.gz"));
}
