namespace Sweep.Coordinator.SweepFiles;

/// <summary>How a sweep turns parameter specs into trials.</summary>
public enum SweepMethod
{
    /// <summary>Every combination of the `values` axes, first parameter varying slowest.</summary>
    Grid,

    /// <summary>`run_cap` independent draws, seeded from the sweep name (and `random_seed`).</summary>
    Random,

    /// <summary>`run_cap` trials proposed one by one by TPE from the results so far, seeded like random.</summary>
    Bayes,
}
