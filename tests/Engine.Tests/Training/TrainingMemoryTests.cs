using Sweep.Engine.Model;
using Sweep.Engine.Training;

namespace Sweep.Engine.Tests.Training;

/// <summary>
/// The memory rule counts what training really allocates (so a budget check means something), and refuses a
/// network over the budget naming the layer, its size and the excess.
/// </summary>
public class TrainingMemoryTests
{
    [Theory]
    [InlineData(new[] { 300 }, 100, 0.0, 0.0)]
    [InlineData(new[] { 300, 200 }, 50, 0.9, 0.0)]
    [InlineData(new[] { 16 }, 1000, 0.9, 0.0)] // narrow first layer: no compaction; a batch larger than the evaluation batch
    [InlineData(new[] { 300, 200 }, 50, 0.0, 0.5)] // dropout keeps no mask buffer
    [InlineData(new[] { 300, 200 }, 50, 0.0, 0.0, OptimizerKind.Nesterov)] // a velocity even at momentum 0
    [InlineData(new[] { 300 }, 100, 0.0, 0.0, OptimizerKind.Adam)] // m and v
    [InlineData(new[] { 300, 200 }, 50, 0.9, 0.0, OptimizerKind.AdamW)]
    public void Estimate_CoversWhatTrainingAllocates_AndIsNotFarAbove(int[] hidden, int batch, double momentum, double dropout,
        OptimizerKind optimizer = OptimizerKind.Sgd)
    {
        var data = SyntheticData.Random(2000, 784, 10, seed: 3);
        var options = new TrainingOptions
        {
            Hidden = hidden, BatchSize = batch, Momentum = momentum, Epochs = 1, Lambda = 0, Dropout = dropout, Optimizer = optimizer,
        };
        var estimate = TrainingMemory.LayerBytes(options, 784, 10, data.Count).Sum();

        var before = GC.GetAllocatedBytesForCurrentThread();
        Trainer.Train(SyntheticData.Splits(data), options);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(estimate >= allocated * 0.95, $"estimate {estimate} bytes is below the {allocated} bytes training allocated");
        Assert.True(estimate <= allocated * 1.25, $"estimate {estimate} bytes is far above the {allocated} bytes training allocated");
    }

    [Theory]
    [InlineData("conv5x5:16,pool2,conv5x5:32,pool2,fc:128", 100, 1)]
    [InlineData("conv3x3:8:valid,conv3x3:8,pool2,fc:32", 50, 2)]
    public void Estimate_CoversWhatConvTrainingAllocates_AndIsNotFarAbove(string layers, int batch, int threads)
    {
        var data = ConvTrainingTests.Images(300, seed: 3);
        var options = new TrainingOptions { Layers = LayerSpec.ParseList(layers), BatchSize = batch, Momentum = 0.9, Epochs = 1, Threads = threads, Init = WeightInit.He };
        var estimate = TrainingMemory.LayerBytes(options, data.Shape, 10, data.Count).Sum();

        var before = GC.GetAllocatedBytesForCurrentThread(); // the passes allocate their buffers up front, on this thread
        Trainer.Train(SyntheticData.Splits(data), options);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(estimate >= allocated * 0.95, $"estimate {estimate} bytes is below the {allocated} bytes training allocated");
        Assert.True(estimate <= allocated * 1.25, $"estimate {estimate} bytes is far above the {allocated} bytes training allocated");
    }

    [Fact]
    public void Validate_RefusesConvLayersThatDoNotFitTheImage_NamingTheLayer()
    {
        var options = new TrainingOptions { Layers = LayerSpec.ParseList("conv5x5:8:valid,pool2,pool2,pool2,pool2,pool2") };

        var error = Assert.Throws<ArgumentException>(() => options.Validate(new ImageShape(28, 28, 1), 10, 50_000, memoryBudgetBytes: long.MaxValue));

        Assert.Contains("layer 6 (pool2)", error.Message);
    }

    [Fact]
    public void Validate_RefusesAWidthOverTheBudget_NamingTheLayerAndTheExcess()
    {
        var options = new TrainingOptions { Hidden = [500, 100_000_000] };

        var error = Assert.Throws<ArgumentException>(() => options.Validate(784, 10, 50_000, memoryBudgetBytes: 11_000_000_000));

        Assert.StartsWith("hidden[1]=100000000: the 500×100000000 layer needs ", error.Message);
        Assert.Contains("over the 11 GB budget per trial by ", error.Message);
    }

    [Fact]
    public void Validate_RefusesLayersThatFitAloneButNotTogether_NamingTheLargest()
    {
        var options = new TrainingOptions { Hidden = [20_000, 20_000, 20_000] };

        var error = Assert.Throws<ArgumentException>(() => options.Validate(784, 10, 50_000, memoryBudgetBytes: 6_000_000_000));

        Assert.StartsWith("hidden=[20000,20000,20000]: the layers need ", error.Message);
        Assert.Contains("(the largest, hidden[1]=20000: the 20000×20000 layer needs", error.Message);
    }

    [Fact]
    public void Validate_RefusesALayerLargerThanOneArray_EvenWithMemoryToSpare()
    {
        var options = new TrainingOptions { Hidden = [3_000_000] };

        var error = Assert.Throws<ArgumentException>(() => options.Validate(784, 10, 50_000, memoryBudgetBytes: long.MaxValue));

        Assert.Contains("hidden[0]=3000000: the 784×3000000 layer needs arrays of 2352000000 numbers", error.Message);
    }

    [Fact]
    public void Validate_AcceptsTheTutorialsNetwork_OnAGigabyte()
    {
        new TrainingOptions { Hidden = [500], Momentum = 0.9 }.Validate(784, 10, 50_000, memoryBudgetBytes: 1_000_000_000);
    }
}
