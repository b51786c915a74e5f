namespace Sweep.Cli.Benchmarks;

/// <summary>The word a benchmark's `check …` line ends with; tests and readers look for exactly these.</summary>
public static class CheckVerdict
{
    public static string Of(bool pass) => pass ? "PASS" : "FAIL";
}
