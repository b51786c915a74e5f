using System.Runtime.InteropServices;

namespace Sweep.Engine.Kernels;

/// <summary>
/// Per-thread, 64-byte aligned buffers for packed panels and edge tiles, so steady-state calls allocate nothing.
/// Held by a thread-static object whose finalizer frees the native memory once its thread is gone.
/// </summary>
internal sealed unsafe class GemmScratch
{
    [ThreadStatic]
    private static GemmScratch? current;

    private float* packedA;
    private nuint capacityA;
    private float* packedB;
    private nuint capacityB;
    private float* tile;
    private nuint capacityTile;

    public static GemmScratch Current => current ??= new GemmScratch();

    public float* PackedA(int floats) => Ensure(ref packedA, ref capacityA, floats);

    public float* PackedB(int floats) => Ensure(ref packedB, ref capacityB, floats);

    public float* Tile(int floats) => Ensure(ref tile, ref capacityTile, floats);

    ~GemmScratch()
    {
        NativeMemory.AlignedFree(packedA);
        NativeMemory.AlignedFree(packedB);
        NativeMemory.AlignedFree(tile);
    }

    private static float* Ensure(ref float* buffer, ref nuint capacity, int floats)
    {
        if ((nuint)floats > capacity)
        {
            NativeMemory.AlignedFree(buffer);
            buffer = null;
            buffer = (float*)NativeMemory.AlignedAlloc((nuint)floats * sizeof(float), 64);
            capacity = (nuint)floats;
        }

        return buffer;
    }
}
