namespace Sweep.Engine.Kernels;

/// <summary>Which implementation computes a product; tests force each one, Auto picks the widest supported.</summary>
internal enum GemmPath
{
    Auto,
    Vector512,
    Vector256,
    Scalar,
}
