using Sweep.Trials;
using Xunit;

namespace Sweep.Trials.Tests;

public sealed class CoreSharesTests
{
    [Fact]
    public void Join_SharesTheCoresAmongRunningTrials_AndALeavingTrialsCoresGoToTheOthers()
    {
        var shares = new CoreShares(4);

        using var first = shares.Join();
        Assert.Equal(4, first.Share.Threads);
        var second = shares.Join();
        var third = shares.Join();
        Assert.Equal([2, 1, 1], new[] { first, second, third }.Select(lease => lease.Share.Threads));

        second.Dispose();
        Assert.Equal([2, 2], new[] { first, third }.Select(lease => lease.Share.Threads));
        third.Dispose();
        third.Dispose(); // a second dispose is harmless and frees nothing more
        Assert.Equal(4, first.Share.Threads);
    }

    [Fact]
    public void Join_WithMoreTrialsThanCores_GivesEachOneThread()
    {
        var shares = new CoreShares(2);

        var leases = Enumerable.Range(0, 3).Select(_ => shares.Join()).ToArray();

        Assert.All(leases, lease => Assert.Equal(1, lease.Share.Threads));
    }

    [Fact]
    public void Fixed_GivesEveryTrialTheSameCount_WhateverRunsBeside_It()
    {
        var shares = CoreShares.Fixed(3);

        using var first = shares.Join();
        using var second = shares.Join();

        Assert.Equal(3, first.Share.Threads);
        Assert.Equal(3, second.Share.Threads);
    }
}
