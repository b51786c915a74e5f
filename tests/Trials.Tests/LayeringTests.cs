using System.Xml.Linq;

namespace Sweep.Trials.Tests;

/// <summary>
/// The arrows between projects, read from the real .csproj files: each project references only the projects and
/// packages of the layers below it, so the results store never drags in the queue or a terminal library.
/// </summary>
public sealed class LayeringTests
{
    private static readonly Dictionary<string, string[]> AllowedProjects = new()
    {
        ["Engine"] = [],
        ["Trials"] = ["Engine"],
        ["Queue"] = ["Trials"],
        ["Results"] = ["Trials"],
        ["Coordinator"] = ["Trials", "Queue", "Results"],
        // The web UI reads results files only (the queue's dashboard comes in as a Hangfire package, not the Queue project).
        ["Web"] = ["Results"],
        ["Cli"] = ["Coordinator", "Web"],
    };

    public static TheoryData<string> Projects => new(AllowedProjects.Keys);

    [Theory]
    [MemberData(nameof(Projects))]
    public void Project_ReferencesOnlyTheLayersBelowIt(string project) =>
        Assert.Empty(References(project, "ProjectReference").Select(path => Path.GetFileNameWithoutExtension(path.Replace('\\', '/')))
            .Except(AllowedProjects[project]));

    [Fact]
    public void EveryProjectOfTheSolution_HasItsPlaceInTheLayers()
    {
        var solution = File.ReadAllText(Path.Combine(Testing.Repository.Root, "Sweeps.sln"));
        var projects = System.Text.RegularExpressions.Regex.Matches(solution, @"""([A-Za-z]+)\\\1\.csproj""").Select(match => match.Groups[1].Value);
        Assert.Equal(AllowedProjects.Keys.Order(), projects.Order());
    }

    [Theory]
    [InlineData("Trials")]
    [InlineData("Results")]
    public void StorageAndContracts_UseNoQueueAndNoTerminalLibrary(string project) =>
        Assert.DoesNotContain(References(project, "PackageReference"), package => package.StartsWith("Hangfire", StringComparison.Ordinal) || package.StartsWith("Spectre", StringComparison.Ordinal));

    private static IEnumerable<string> References(string project, string kind) =>
        XDocument.Load(Path.Combine(Testing.Repository.Root, project, project + ".csproj"))
            .Descendants(kind).Select(reference => reference.Attribute("Include")!.Value);
}
