namespace Sweep.Engine.Tests;

public class EngineDependencyTests
{
    [Fact]
    public void Engine_ReferencesOnlyTheBaseClassLibrary()
    {
        var engine = typeof(Sweep.Engine.Training.Trainer).Assembly;
        var references = engine.GetReferencedAssemblies().Select(name => name.Name!).ToArray();
        var foreign = references.Where(name => !name.StartsWith("System", StringComparison.Ordinal) && name != "netstandard").ToArray();
        Assert.True(foreign.Length == 0, $"Engine references {string.Join(", ", foreign)}");
        Assert.DoesNotContain(references, name => name.Contains("Hangfire") || name.Contains("Dapper") || name.Contains("Sqlite") || name.Contains("Yaml"));
    }
}
