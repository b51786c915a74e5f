using Sweep.Coordinator.Running;

namespace Sweep.Coordinator.Tests.Running;

/// <summary>What a coordinator of a shared queue reads per poll: bounded, yet every unfinished trial in turn.</summary>
public sealed class CollectRotationTests
{
    private static readonly IReadOnlyList<string> Hashes = Enumerable.Range(0, 10).Select(i => $"trial-{i}").ToList();

    [Fact]
    public void Next_ReadsTheRunningTrialOnEveryPoll_AndEveryOtherOnceOverUnfinishedBySlicePolls()
    {
        var rotation = new CollectRotation(slice: 3);
        rotation.Saw("trial-4", running: true);
        var polls = Enumerable.Range(0, 3).Select(_ => rotation.Next(Hashes)).ToList();

        Assert.All(polls, poll => Assert.Contains("trial-4", poll));
        Assert.All(polls, poll => Assert.Equal(4, poll.Count));
        Assert.Equal(Hashes.Order(StringComparer.Ordinal), polls.SelectMany(poll => poll).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Next_GoesOnAfterTheLastTrialItRead_WhenTrialsEndedMeanwhile()
    {
        var rotation = new CollectRotation(slice: 4);
        Assert.Equal(Hashes.Take(4), rotation.Next(Hashes));

        // trial-1 and trial-5 ended: the next poll starts after trial-3, not at a shifted index.
        var unfinished = Hashes.Where(hash => hash is not ("trial-1" or "trial-5")).ToList();

        Assert.Equal(["trial-4", "trial-6", "trial-7", "trial-8"], rotation.Next(unfinished));
        Assert.Equal(["trial-9", "trial-0", "trial-2", "trial-3"], rotation.Next(unfinished));
    }

    [Fact]
    public void Next_ReadsEveryTrial_WhenNoMoreThanASliceIsUnfinished()
    {
        var rotation = new CollectRotation(slice: 10);
        rotation.Saw("trial-2", running: true);
        rotation.Saw("trial-2", running: false); // it ended

        Assert.Equal(Hashes.Order(StringComparer.Ordinal), rotation.Next(Hashes).Order(StringComparer.Ordinal));
    }
}
