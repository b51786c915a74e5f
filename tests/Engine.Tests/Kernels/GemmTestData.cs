namespace Sweep.Engine.Tests.Kernels;

/// <summary>Shapes and deterministic random operands shared by the GEMM tests.</summary>
internal static class GemmTestData
{
    /// <summary>(m, n, k): unit and sub-tile shapes, every kind of remainder, and the training shapes.</summary>
    public static readonly (int M, int N, int K)[] Shapes =
    [
        (1, 1, 1), (1, 7, 3), (5, 1, 9), (7, 13, 5), (6, 32, 1), (12, 16, 8), (17, 33, 19), (13, 47, 31),
        (31, 65, 260), (37, 10, 300), (100, 10, 500), (100, 500, 10), (150, 531, 17), (3, 600, 513),
        // At most 10 columns (the transposed narrow kernel), deep enough for it to transpose A too: rows in 64-row tiles,
        // 16- to 48-row tiles and a tail, column groups of 5 with a short last group; and 11 to 16 columns (the 12×16 tile).
        (784, 10, 100), (93, 7, 70), (130, 9, 64), (79, 11, 40), (64, 5, 3), (200, 3, 50), (15, 9, 4), (130, 1, 6), (40, 16, 25),
        // 17 to 32 rows, 16 columns, deep (the transposed short kernel, with Aᵀ): a few-tap convolution's weight gradient,
        // its last depths read past A's end but for a copy; and the edges of its range (16 rows, 33 rows, depth 63).
        (25, 16, 300), (17, 16, 64), (32, 16, 70), (27, 16, 129), (16, 16, 80), (33, 16, 80), (25, 16, 63),
    ];

    /// <summary>The products one training step of a 784-500-10 network computes, as (m, n, k, transA, transB).</summary>
    public static readonly (int M, int N, int K, bool TransA, bool TransB)[] TrainingShapes =
    [
        (100, 500, 784, false, false), // hidden forward  H = X·W
        (100, 10, 500, false, false),  // output forward
        (784, 500, 100, true, false),  // hidden weight gradient Xᵀ·dH
        (500, 10, 100, true, false),   // output weight gradient
        (784, 10, 100, true, false),   // softmax regression's weight gradient Xᵀ·dZ
        (100, 500, 10, false, true),   // dX of the output layer dH·Wᵀ
        (100, 784, 500, false, true),  // dX of a hidden layer
        (1568, 128, 100, true, false), // the conv net's fc:128 weight gradient: taller than wide, so threads split its rows
        (25, 16, 10192, true, false),  // conv5x5:16's weight gradient over a chunk of 13 images: threads split its 25 rows
        (17, 16, 8000, true, false),   // split at row 12, the transposed short kernel's second range ends in two copied depths
    ];

    public static float[] Random(int length, int seed)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(random.NextDouble() * 2 - 1);
        }

        return values;
    }

    /// <summary>Index of the first element whose bits differ, or -1; compares bits so -0 and NaN payloads count.</summary>
    public static int FirstBitDifference(float[] expected, float[] actual)
    {
        for (var i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
