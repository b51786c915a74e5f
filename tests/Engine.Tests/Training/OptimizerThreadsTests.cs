using Sweep.Engine.Model;
using Sweep.Engine.Randomness;
using Sweep.Engine.Training;

namespace Sweep.Engine.Tests.Training;

/// <summary>
/// The optimisers split their 4096-value blocks across threads: on a 784-300-10 network (58 blocks of weights, one
/// partial) three steps leave bit-identical parameters and ‖W‖² for 1, 2 and 3 threads, for every optimiser.
/// </summary>
public class OptimizerThreadsTests
{
    public static TheoryData<string> Kinds => ["sgd", "momentum", "nesterov", "adam", "adamw"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ThreeSteps_GiveTheSameParametersAndSumOfSquares_ForOneTwoAndThreeThreads(string kind)
    {
        var (network, sums) = Steps(kind, threads: 1);
        foreach (var threads in new[] { 2, 3 })
        {
            var (other, otherSums) = Steps(kind, threads);
            Assert.Equal(sums.Select(BitConverter.DoubleToInt64Bits), otherSums.Select(BitConverter.DoubleToInt64Bits));
            for (var l = 0; l < network.Layers.Count; l++)
            {
                Assert.True(network.Layers[l].Weights.AsSpan().SequenceEqual(other.Layers[l].Weights), $"{kind} layer {l} weights, threads={threads}");
                Assert.True(network.Layers[l].Biases.AsSpan().SequenceEqual(other.Layers[l].Biases), $"{kind} layer {l} biases, threads={threads}");
            }
        }
    }

    [Fact]
    public void SumOfSquares_IsTheBlocksSummedInOrder()
    {
        var network = Network.Create([784, 300, 10], WeightInit.He, new DeterministicRandom(3));
        var expected = 0.0;
        foreach (var layer in network.Layers)
        {
            for (var start = 0; start < layer.Weights.Length; start += 4096)
            {
                var block = 0.0;
                foreach (var theta in layer.Weights.AsSpan(start, Math.Min(4096, layer.Weights.Length - start))) block += theta * theta;
                expected += block;
            }
        }
        var optimizer = new SgdOptimizer(network, 0.1, 0, 0) { Threads = 2 };
        // Float vector partial sums within a block: equal to the double loop to float precision, not bit for bit.
        Assert.Equal(expected, optimizer.Step(network, new Gradients(network)), expected * 1e-6);
    }

    private static (Network Network, double[] Sums) Steps(string kind, int threads)
    {
        var network = Network.Create([784, 300, 10], WeightInit.He, new DeterministicRandom(3));
        Optimizer optimizer = kind switch
        {
            "sgd" => new SgdOptimizer(network, 0.1, 0, 1e-3) { Threads = threads },
            "momentum" => new SgdOptimizer(network, 0.1, 0.9, 1e-3) { Threads = threads },
            "nesterov" => new NesterovOptimizer(network, 0.1, 0.9, 1e-3) { Threads = threads },
            "adam" => new AdamOptimizer(network, 1e-3, 0.9, 0.999, 1e-8, 1e-3, decoupled: false) { Threads = threads },
            _ => new AdamOptimizer(network, 1e-3, 0.9, 0.999, 1e-8, 1e-3, decoupled: true) { Threads = threads },
        };
        var gradients = new Gradients(network);
        var random = new DeterministicRandom(4);
        var sums = new double[3];
        for (var step = 0; step < sums.Length; step++)
        {
            foreach (var values in gradients.Weights.Concat(gradients.Biases))
                for (var i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() - 0.5);
            sums[step] = optimizer.Step(network, gradients);
        }
        return (network, sums);
    }
}
