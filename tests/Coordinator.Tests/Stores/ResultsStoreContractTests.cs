using Sweep.Results;
using Sweep.Trials;

namespace Sweep.Coordinator.Tests.Stores;

/// <summary>The store contract on the results file: a real SQLite file, each store object with its own connections.</summary>
public sealed class ResultsStoreContractTests : TrialStoreContract
{
    private readonly TempResultsFile file = new();
    private readonly List<ResultsStore> opened = [];

    public ResultsStoreContractTests()
    {
        using var store = file.Open();
        store.SyncSweep(Fixtures.Sweep(), Trials);
    }

    protected override ITrialStore Open(TimeSpan? lease = null)
    {
        var store = file.Open(lease: lease);
        opened.Add(store);
        return store;
    }

    protected override (int Attempt, string? Worker, TrialStatus? Outcome, double? ValAcc) Stored(string trialHash)
    {
        using var store = file.Open();
        var row = store.TrialRows(Fixtures.Sweep().Name).Single(row => row.Hash == trialHash);
        return (row.Attempt, row.Worker, row.Status.IsEnded() ? row.Status : null, row.ValAcc);
    }

    public override void Dispose()
    {
        opened.ForEach(store => store.Dispose());
        file.Dispose();
    }
}
