namespace Sweep.Testing;

/// <summary>The repository the tests run from: the folder above the test binaries that holds Sweeps.sln.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Sweeps.sln"))) return folder.FullName;
        throw new InvalidOperationException($"no Sweeps.sln above {AppContext.BaseDirectory}");
    }
}
