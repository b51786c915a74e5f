namespace Sweep.Testing;

/// <summary>The real MNIST folder the child processes use: $SWEEP_DATA_DIR/mnist, else shared/datasets/mnist beside the repository.</summary>
public static class MnistData
{
    public static string Root =>
        Environment.GetEnvironmentVariable("SWEEP_DATA_DIR") is { Length: > 0 } root
            ? Path.GetFullPath(root)
            : Path.GetFullPath(Path.Combine(Repository.Root, "..", "shared", "datasets"));

    public static string Folder => Path.Combine(Root, "mnist");
}
