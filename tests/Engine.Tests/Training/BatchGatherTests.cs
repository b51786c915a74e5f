using Sweep.Engine.Data;
using Sweep.Engine.Training;

namespace Sweep.Engine.Tests.Training;

public class BatchGatherTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Run_CopiesTheShuffledRowsAndLabels_FromTheBytesOrTheFloats(int threads)
    {
        const int count = 500, features = 37, batch = 100;
        var bytes = Enumerable.Range(0, count * features).Select(i => (byte)(i * 31 % 256)).ToArray();
        var floats = bytes.Select(value => value / 255f).ToArray();
        var labels = Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray();
        var order = Enumerable.Range(0, count).Select(i => i * 7 % count).ToArray();
        foreach (var source in new[] { new Dataset(floats, labels, features, 10, bytes), new Dataset(floats, labels, features, 10) })
        {
            var images = new float[batch * features];
            var batchLabels = new byte[batch];
            BatchGather.Run(source, order, 200, batch, images, batchLabels, threads);
            for (var i = 0; i < batch; i++)
            {
                var index = order[200 + i];
                Assert.True(floats.AsSpan(index * features, features).SequenceEqual(images.AsSpan(i * features, features)), $"row {i}");
                Assert.Equal(labels[index], batchLabels[i]);
            }
        }
    }
}
