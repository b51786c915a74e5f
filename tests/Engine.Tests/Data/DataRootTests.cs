using Sweep.Engine.Data;

namespace Sweep.Engine.Tests.Data;

public sealed class DataRootTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Resolve_PrefersTheExplicitDataDir_OverTheEnvironment()
    {
        var root = DataRoot.Resolve("/tmp/explicit", Environment(("SWEEP_DATA_DIR", "/tmp/env")));

        Assert.Equal("/tmp/explicit", root);
    }

    [Fact]
    public void Resolve_UsesSweepDataDir_WhenNoDataDirIsGiven()
    {
        Assert.Equal("/tmp/env", DataRoot.Resolve(null, Environment(("SWEEP_DATA_DIR", "/tmp/env"), ("XDG_CACHE_HOME", "/tmp/xdg"))));
    }

    [Fact]
    public void Resolve_FallsBackToTheXdgCache_ThenToTheHomeCache()
    {
        Assert.Equal("/tmp/xdg/sweep/datasets", DataRoot.Resolve(null, Environment(("XDG_CACHE_HOME", "/tmp/xdg"))));
        var home = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        Assert.Equal(Path.Combine(home, ".cache", "sweep", "datasets"), DataRoot.Resolve(null, Environment()));
    }
}
