namespace Sweep.Engine.Kernels;

/// <summary>The fp32 FMA throughput of one thread at one vector width (<see cref="FmaPeak"/>).</summary>
public sealed record FmaPeakResult(string Width, int Lanes, double Gflops);
