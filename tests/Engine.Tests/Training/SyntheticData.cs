using Sweep.Engine.Data;
using Sweep.Engine.Randomness;

namespace Sweep.Engine.Tests.Training;

/// <summary>Small random datasets for tests of the training loop that do not need MNIST.</summary>
public static class SyntheticData
{
    public static Dataset Random(int count, int features, int classes, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var images = Enumerable.Range(0, count * features).Select(_ => (float)random.NextDouble()).ToArray();
        var labels = Enumerable.Range(0, count).Select(_ => (byte)random.NextInt(classes)).ToArray();
        return new Dataset(images, labels, features, classes);
    }

    public static DataSplits Splits(Dataset train, Dataset? validation = null, Dataset? test = null) =>
        new("synthetic", train, validation ?? train, test ?? train, "synthetic");
}
