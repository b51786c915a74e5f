namespace Sweep.Results.Synthetic;

/// <summary>What <see cref="BigResultsFile.Write"/> put into the file, for the tests and benchmarks that read it back.</summary>
public sealed record BigResultsCounts(int Trials, int Completed, int Pruned, int Failed, int EpochRows, int Decisions);
