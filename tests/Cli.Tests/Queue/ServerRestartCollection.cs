namespace Sweep.Cli.Tests.Queue;

/// <summary>Tests that restart the shared PostgreSQL server: xUnit runs this collection alone, after every parallel one.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServerRestartCollection
{
    public const string Name = "PostgreSQL server restart";
}
