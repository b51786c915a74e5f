using Sweep.Engine.Kernels;

namespace Sweep.Engine.Tests.Kernels;

/// <summary>
/// Every tuned path is defined to give the same bits as the naive reference (FMA in k order from 0 or C),
/// so comparisons here are exact, not tolerance-based.
/// </summary>
public class GemmTests
{
    public static TheoryData<string> Paths()
    {
        var data = new TheoryData<string>();
        foreach (var path in new[] { GemmPath.Auto, GemmPath.Vector512, GemmPath.Vector256, GemmPath.Scalar })
        {
            data.Add(path.ToString());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Multiply_MatchesReferenceBitForBit_ForEveryShapeTransposeCombinationAndAccumulateMode(string pathName)
    {
        var path = Enum.Parse<GemmPath>(pathName);
        if (!Gemm.IsSupported(path))
        {
            return; // This machine cannot run the path; the CI machine with the instruction set covers it.
        }

        var seed = 1;
        foreach (var (m, n, k) in GemmTestData.Shapes)
        {
            foreach (var transA in new[] { false, true })
            {
                foreach (var transB in new[] { false, true })
                {
                    foreach (var accumulate in new[] { false, true })
                    {
                        var a = GemmTestData.Random(m * k, seed++);
                        var b = GemmTestData.Random(k * n, seed++);
                        var initial = GemmTestData.Random(m * n, seed++);
                        var expected = (float[])initial.Clone();
                        var actual = (float[])initial.Clone();

                        GemmReference.Multiply(a, b, expected, m, n, k, transA, transB, accumulate);
                        Gemm.Multiply(a, b, actual, m, n, k, transA, transB, accumulate, threads: 1, path);

                        var index = GemmTestData.FirstBitDifference(expected, actual);
                        Assert.True(
                            index < 0,
                            $"{path} m={m} n={n} k={k} transA={transA} transB={transB} accumulate={accumulate}: " +
                            $"C[{index}] expected {(index < 0 ? 0 : expected[index])} got {(index < 0 ? 0 : actual[index])}");
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Multiply_GivesBitIdenticalResults_ForOneTwoAndThreeThreadsOnTrainingShapes(string pathName)
    {
        var path = Enum.Parse<GemmPath>(pathName);
        if (!Gemm.IsSupported(path))
        {
            return;
        }

        var seed = 100;
        foreach (var (m, n, k, transA, transB) in GemmTestData.TrainingShapes)
        {
            foreach (var accumulate in new[] { false, true })
            {
                var a = GemmTestData.Random(m * k, seed++);
                var b = GemmTestData.Random(k * n, seed++);
                var initial = GemmTestData.Random(m * n, seed++);
                var single = (float[])initial.Clone();
                Gemm.Multiply(a, b, single, m, n, k, transA, transB, accumulate, threads: 1, path);
                foreach (var threads in new[] { 2, 3 })
                {
                    var parallel = (float[])initial.Clone();
                    Gemm.Multiply(a, b, parallel, m, n, k, transA, transB, accumulate, threads, path);
                    Assert.True(
                        GemmTestData.FirstBitDifference(single, parallel) < 0,
                        $"{path} m={m} n={n} k={k} transA={transA} transB={transB} threads={threads} differs from threads=1");
                }
            }
        }
    }

    [Fact]
    public void Multiply_GivesTheSameBitsOnEverySupportedPath_ForTrainingShapes()
    {
        var seed = 200;
        foreach (var (m, n, k, transA, transB) in GemmTestData.TrainingShapes)
        {
            var a = GemmTestData.Random(m * k, seed++);
            var b = GemmTestData.Random(k * n, seed++);
            var scalar = new float[m * n];
            Gemm.Multiply(a, b, scalar, m, n, k, transA, transB, accumulate: false, threads: 1, GemmPath.Scalar);
            foreach (var path in new[] { GemmPath.Vector512, GemmPath.Vector256 })
            {
                if (!Gemm.IsSupported(path))
                {
                    continue;
                }

                var vector = new float[m * n];
                Gemm.Multiply(a, b, vector, m, n, k, transA, transB, accumulate: false, threads: 2, path);
                Assert.True(GemmTestData.FirstBitDifference(scalar, vector) < 0, $"{path} m={m} n={n} k={k} differs from Scalar");
            }
        }
    }

    [Fact]
    public void Multiply_ZeroesC_WhenDepthIsZeroAndNotAccumulating()
    {
        var c = new[] { 1f, 2f, 3f, 4f };
        Gemm.Multiply([], [], c, 2, 2, 0);
        Assert.Equal(new[] { 0f, 0f, 0f, 0f }, c);
    }

    [Fact]
    public void Multiply_LeavesCUntouched_WhenDepthIsZeroAndAccumulating()
    {
        var c = new[] { 1f, 2f, 3f, 4f };
        Gemm.Multiply([], [], c, 2, 2, 0, accumulate: true);
        Assert.Equal(new[] { 1f, 2f, 3f, 4f }, c);
    }

    [Fact]
    public void Multiply_Throws_WhenABufferIsTooSmall()
    {
        var exception = Assert.Throws<ArgumentException>(() => Gemm.Multiply(new float[5], new float[6], new float[4], 2, 2, 3));
        Assert.Contains("a has 5 elements", exception.Message);
    }

    [Fact]
    public void Multiply_DoesNotWriteOutsideC_WhenCIsLargerThanTheProduct()
    {
        var c = Enumerable.Repeat(7f, 7 * 13 + 5).ToArray();
        Gemm.Multiply(GemmTestData.Random(7 * 5, 1), GemmTestData.Random(5 * 13, 2), c, 7, 13, 5);
        Assert.All(c[(7 * 13)..], value => Assert.Equal(7f, value));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void MultiplyKeptRows_EqualsTheReferenceOnTheGatheredRows_ForOneTwoAndThreeThreads(string pathName)
    {
        var path = Enum.Parse<GemmPath>(pathName);
        if (!Gemm.IsSupported(path))
        {
            return;
        }

        var seed = 500;
        foreach (var (m, n, k) in GemmTestData.Shapes.Append((100, 500, 520)).Append((100, 10, 300)))
        {
            // B holds 2k + 3 rows; every other one is kept, as blank input features leave gaps.
            var rows = 2 * k + 3;
            var a = GemmTestData.Random(m * k, seed++);
            var b = GemmTestData.Random(rows * n, seed++);
            var kept = Enumerable.Range(0, k).Select(p => 2 * p + 1).ToArray();
            var gathered = kept.SelectMany(row => b.AsSpan(row * n, n).ToArray()).ToArray();
            var expected = new float[m * n];
            GemmReference.Multiply(a, gathered, expected, m, n, k, transA: false, transB: false, accumulate: false);
            foreach (var threads in new[] { 1, 2, 3 })
            {
                var actual = GemmTestData.Random(m * n, seed++);
                Gemm.MultiplyKeptRows(a, b, kept, actual, m, n, k, threads, path);
                var index = GemmTestData.FirstBitDifference(expected, actual);
                Assert.True(index < 0, $"{path} m={m} n={n} k={k} threads={threads}: C[{index}] differs");
            }
        }
    }

    [Fact]
    public void MultiplyKeptRows_RefusesARowOutsideB()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Gemm.MultiplyKeptRows(new float[4], new float[6], [0, 3], new float[6], 2, 3, 2));
        Assert.Contains("row 3 is outside b's 2 rows", error.Message);
    }
}
