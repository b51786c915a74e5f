namespace Sweep.Engine.Kernels;

/// <summary>
/// The pinned operands of one product, passed by value to worker threads (spans cannot cross into lambdas).
/// a: [m, k] or, with TransA, [k, m]; b: [k, n] or, with TransB, [n, k]; c: [m, n].
/// With bRows (only without TransB), row p of op(B) is row bRows[p] of b: the products read kept rows of a larger
/// matrix in place instead of a gathered copy.
/// </summary>
internal readonly unsafe struct GemmOperands(
    float* a, float* b, float* c, int m, int n, int k, bool transA, bool transB, bool accumulate, int* bRows = null)
{
    public int* BRows { get; } = bRows;

    public float* A { get; } = a;

    public float* B { get; } = b;

    public float* C { get; } = c;

    public int M { get; } = m;

    public int N { get; } = n;

    public int K { get; } = k;

    public bool TransA { get; } = transA;

    public bool TransB { get; } = transB;

    public bool Accumulate { get; } = accumulate;
}
