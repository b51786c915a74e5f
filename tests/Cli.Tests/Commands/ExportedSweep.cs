using Microsoft.Data.Sqlite;
using Sweep.Results;

namespace Sweep.Cli.Tests.Commands;

/// <summary>
/// A results file made by a real `sweep run` on real MNIST: six 16-8 nets under ASHA (so trials are completed or
/// pruned, with their epochs and rung decisions), plus a sweep whose name holds a comma and a quote (stored through the
/// store, as `sweep run` refuses such names) with three pending trials. Shared by the tests of a class: one run.
/// </summary>
public sealed class ExportedSweep : IDisposable
{
    public const string Name = "asha";

    /// <summary>A comma and a quote: CSV must quote it and double the quote, JSON must escape it.</summary>
    public const string OddName = "lr, \"quoted\"";

    private const string SweepFile = """
        name: asha
        early_terminate: {type: asha, min_iter: 1, eta: 3}
        parameters:
          lr:     {values: [0.5, 0.2, 0.05, 0.01, 0.003, 0.001]}
          hidden: {value: [16, 8]}
          epochs: {value: 3}
        """;

    public ExportedSweep()
    {
        var run = SweepProcess.RunIn(Folder.Path, "run", Folder.Write("asha.yaml", SweepFile), "--workers", "1");
        if (run.ExitCode != 0) throw new InvalidOperationException($"the sweep to export did not run: {run}");
        StoredSweeps.Add(Folder.ResultsPath, OddName, 0.1, 0.2, 0.3);
    }

    public TempFolder Folder { get; } = new();

    /// <summary>`sweep export ARGS` in the folder of the results file.</summary>
    public SweepResult Export(params string[] arguments) => SweepProcess.RunIn(Folder.Path, ["export", .. arguments]);

    public IReadOnlyList<TrialRow> Trials(string sweep = Name)
    {
        using var store = ResultsStore.Open(Folder.ResultsPath);
        return store.TrialRows(sweep);
    }

    /// <summary>Every stored epoch of the sweep, in sweep order then by epoch, as the store reads them one trial at a time.</summary>
    public IReadOnlyList<(string Hash, Engine.Training.EpochMetrics Epoch)> Epochs()
    {
        using var store = ResultsStore.Open(Folder.ResultsPath);
        return store.TrialRows(Name).SelectMany(row => store.Epochs(row.Hash).Select(epoch => (row.Hash, epoch))).ToList();
    }

    /// <summary>The code fingerprint of each trial's outcome, by hash, read with plain SQL from the trial_results view.</summary>
    public IReadOnlyDictionary<string, string?> Codes()
    {
        using var connection = new SqliteConnection($"Data Source={Folder.ResultsPath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT hash, code FROM trial_results WHERE sweep = $sweep";
        command.Parameters.AddWithValue("$sweep", Name);
        using var reader = command.ExecuteReader();
        var codes = new Dictionary<string, string?>();
        while (reader.Read()) codes[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
        return codes;
    }

    public void Dispose() => Folder.Dispose();
}
