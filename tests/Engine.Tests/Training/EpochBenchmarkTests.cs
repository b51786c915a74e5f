using Sweep.Engine.Training;

namespace Sweep.Engine.Tests.Training;

public sealed class EpochBenchmarkTests
{
    [Theory]
    [InlineData(new[] { 3.0, 1.0, 2.0 }, 2.0)]
    [InlineData(new[] { 4.0, 1.0, 3.0, 2.0 }, 2.5)]
    [InlineData(new[] { 100.0, 1.0, 1.1, 0.9, 1.0 }, 1.0)]
    [InlineData(new[] { 7.0 }, 7.0)]
    public void Median_IsTheMiddleValue_OrTheMeanOfTheTwoMiddleValues_WhateverAnOutlier(double[] values, double median)
    {
        Assert.Equal(median, EpochBenchmark.Median(values));
    }

    [Fact]
    public void Median_OfNoValues_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => EpochBenchmark.Median([]));
    }

    [Fact]
    public void Measure_TimesExactlyTheRequestedEpochs_AfterTwoToSixWarmUpEpochs()
    {
        var data = SyntheticData.Splits(SyntheticData.Random(300, 20, 10, seed: 3));

        var timing = EpochBenchmark.Measure(data, hidden: [16], threads: 1, timedEpochs: 3);

        Assert.Equal(3, timing.Epochs);
        Assert.InRange(timing.WarmUpEpochs, EpochBenchmark.MinWarmUpEpochs, EpochBenchmark.MaxWarmUpEpochs);
        Assert.True(timing.FastestSeconds <= timing.MedianSeconds && timing.MedianSeconds <= timing.SlowestSeconds, timing.ToString());
    }

    [Fact]
    public void Measure_CountsTheMultiplyAddsOfAnEpoch_TrainingAndValidationProducts()
    {
        // 300 examples of 20 features, softmax regression (no compaction below 32 outputs): 3 steps of a forward
        // 100×10×20 and a weight gradient 20×10×100, then the validation set (the same 300) forward once.
        var data = SyntheticData.Splits(SyntheticData.Random(300, 20, 10, seed: 3));

        var timing = EpochBenchmark.Measure(data, hidden: [], threads: 2, timedEpochs: 2);

        Assert.Equal(3 * (100 * 10 * 20 + 20 * 10 * 100) + 300 * 10 * 20, timing.MultiplyAddsPerEpoch);
    }

    [Fact]
    public void Measure_TimesEveryThreadCount_InOneRun_RoundByRound()
    {
        var data = SyntheticData.Splits(SyntheticData.Random(300, 20, 10, seed: 3));

        var timings = EpochBenchmark.Measure(data, hidden: [16], threadCounts: [1, 2], timedEpochs: 3);

        Assert.Equal(2, timings.Length);
        Assert.All(timings, timing => Assert.Equal(3, timing.EpochSeconds.Count));
        Assert.All(timings, timing => Assert.Equal(3, timing.Epochs));
        // One run: one warm-up, in which each count ran at least once.
        Assert.Equal(timings[0].WarmUpEpochs, timings[1].WarmUpEpochs);
        Assert.InRange(timings[0].WarmUpEpochs, 2, EpochBenchmark.MaxWarmUpEpochs);
        Assert.Equal(timings[0].EpochSeconds.Order().ElementAt(1), timings[0].MedianSeconds);
        var speedUps = EpochBenchmark.SpeedUps(timings[0], timings[1]);
        Assert.Equal(Enumerable.Range(0, 3).Select(round => timings[0].EpochSeconds[round] / timings[1].EpochSeconds[round]), speedUps);
    }

    [Theory]
    [InlineData(2, new[] { 0, 1, 1, 0, 0, 1 })]
    [InlineData(3, new[] { 0, 1, 2, 2, 1, 0, 0, 1, 2 })]
    [InlineData(1, new[] { 0, 0, 0 })]
    public void TimedEpochs_TakeTurns_EveryOtherRoundInReverse(int counts, int[] expected) =>
        Assert.Equal(expected, Enumerable.Range(0, expected.Length).Select(index => EpochBenchmark.CountOfTimedEpoch(index, counts)));

    [Fact]
    public void Measure_StopsWithCancellation_WhenTheUserCancels()
    {
        var data = SyntheticData.Splits(SyntheticData.Random(300, 20, 10, seed: 3));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => EpochBenchmark.Measure(data, hidden: [], threads: 1, timedEpochs: 3, cancelled.Token));
    }
}
