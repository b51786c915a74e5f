using Sweep.Engine.Training;
using Sweep.Coordinator.Running;
using Sweep.Coordinator.Search;
using Sweep.Coordinator.SweepFiles;
using Sweep.Queue;
using Sweep.Results;
using Sweep.Results.Reports;
using Sweep.Trials;

namespace Sweep.Coordinator.Tests.Running;

/// <summary>
/// The run loop on a real sweep file and a real results file, each run with a fresh store as a new `sweep run` would
/// open: trials go through the real TrialJob and ResultsStore on a synchronous fake queue, trained by a runner that
/// returns fixed metrics. What a run prints, its exit codes and real signals are Cli.Tests' SweepRunTests.
/// </summary>
public sealed class SweepRunnerTests : IDisposable
{
    private const string SixTrials = """
        name: six
        parameters:
          lr: {values: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]}
          epochs: {value: 2}
        """;

    private readonly TempFolder folder = new();
    private readonly TempResultsFile results = new();
    private CancellationTokenSource interrupt = new();
    private readonly List<int> queueOpenedFor = [];
    private SynchronousQueue? queue;

    public void Dispose()
    {
        interrupt.Dispose();
        results.Dispose();
        folder.Dispose();
    }

    [Fact]
    public void Run_TrainsEveryTrialOnce_InSweepOrder_AndStoresItsEpochsAndOutcome()
    {
        var (sweep, trials) = Sweep(SixTrials);
        var runner = new ScriptedTrialRunner();

        var snapshot = Run(sweep, trials, runner);

        Assert.Equal(trials.Select(trial => trial.Hash), runner.Runs);
        Assert.Equal([6], queueOpenedFor);
        Assert.True(queue!.Disposed, "the queue was left open");
        var rows = Rows(sweep);
        Assert.All(rows, row => Assert.Equal((TrialStatus.Completed, 1, "worker-1"), (row.Status, row.Attempt, row.Worker)));
        Assert.All(rows, row => Assert.Equal(ScriptedTrialRunner.ValAccOf(row.Config), row.ValAcc));
        using (var store = results.Open())
            Assert.All(rows, row => Assert.Equal(new[] { 1, 2 }, store.Epochs(row.Hash).Select(epoch => epoch.Epoch)));
        Assert.Equal((6, 6, 0, 0, 6, 0), (snapshot.Total, snapshot.Done, snapshot.Failed, snapshot.Pending, snapshot.FinishedThisRun, snapshot.RemainingThisRun));
        Assert.Empty(snapshot.Running);
        Assert.StartsWith("val_acc ", snapshot.Best);
        Assert.Contains("lr=0.6 ", snapshot.Best);
    }

    [Fact]
    public void Run_ASecondTime_TrainsNothing_OpensNoQueue_AndReportsTheSameRanking()
    {
        var (sweep, trials) = Sweep(SixTrials);
        Run(sweep, trials, new ScriptedTrialRunner());
        var firstReport = Report(sweep);
        var again = new ScriptedTrialRunner();

        var snapshot = Run(sweep, trials, again);

        Assert.Empty(again.Runs);
        Assert.Equal([6], queueOpenedFor);
        Assert.Equal((6, 0, 0), (snapshot.Done, snapshot.FinishedThisRun, snapshot.RemainingThisRun));
        var report = Report(sweep);
        Assert.Equal(firstReport.Groups.Select(group => group.Mean), report.Groups.Select(group => group.Mean));
        Assert.Equal(ScriptedTrialRunner.ValAccOf(new TrialConfig { LearningRate = 0.6 }), report.Best!.Mean, precision: 12);
        Assert.Equal(StatusCounts.Empty with { Completed = 6 }, report.Counts);
    }

    [Fact]
    public void Run_Interrupted_MarksTheRunningTrialInterrupted_AndLeavesTheRestPending()
    {
        var (sweep, trials) = Sweep(SixTrials);

        var snapshot = Run(sweep, trials, InterruptedAt(0.3));

        var statuses = Rows(sweep).Select(row => row.Status);
        Assert.Equal([TrialStatus.Completed, TrialStatus.Completed, TrialStatus.Interrupted, TrialStatus.Pending, TrialStatus.Pending, TrialStatus.Pending], statuses);
        Assert.Equal((2, 4, 2, 4), (snapshot.Done, snapshot.Pending, snapshot.FinishedThisRun, snapshot.RemainingThisRun));
        Assert.True(queue!.Disposed);
    }

    [Fact]
    public void Run_AfterAnInterruptedRun_TrainsOnlyTheRest_AndTheInterruptedTrialAsItsSecondAttempt()
    {
        var (sweep, trials) = Sweep(SixTrials);
        Run(sweep, trials, InterruptedAt(0.3));
        var resume = new ScriptedTrialRunner();

        var snapshot = Run(sweep, trials, resume);

        Assert.Equal(trials.Skip(2).Select(trial => trial.Hash), resume.Runs);
        Assert.Equal([6, 4], queueOpenedFor);
        AssertEveryTrialCompleted(sweep, attempts: [1, 1, 2, 1, 1, 1]);
        Assert.Equal((6, 4, 0), (snapshot.Done, snapshot.FinishedThisRun, snapshot.RemainingThisRun));
    }

    [Fact]
    public void Run_RerunsATrialLeftRunning_ByAProcessThatDied()
    {
        var (sweep, trials) = Sweep(SixTrials);
        using (var store = results.Open())
        {
            store.SyncSweep(sweep, trials);
            store.PrepareRun(sweep.Name, retryFailed: false);
            Assert.NotNull(store.TryClaim(trials[1].Hash, Fixtures.DeadWorker)); // claimed, never finished: what a SIGKILL leaves
        }
        var runner = new ScriptedTrialRunner();

        Run(sweep, trials, runner);

        Assert.Equal(trials.Select(trial => trial.Hash), runner.Runs);
        var rerun = Rows(sweep)[1];
        Assert.Equal((TrialStatus.Completed, 2, "worker-1"), (rerun.Status, rerun.Attempt, rerun.Worker));
    }

    [Fact]
    public void Run_WhileAnotherRunHoldsTrials_TrainsOnlyTheRest_WaitsForTheHeldOnes_AndReportsAsTheOtherRunDoes()
    {
        var (sweep, trials) = Sweep(SixTrials);
        using var first = results.Open();
        first.SyncSweep(sweep, trials);
        var held = new[] { first.TryClaim(trials[1].Hash, "first-run")!, first.TryClaim(trials[4].Hash, "first-run")! };
        var runner = new ScriptedTrialRunner();
        var view = new RecordingRunView();
        // The first run goes on training its two trials and records them once the second run is waiting for them
        // (or, should the second run not wait, once it has ended).
        using var secondRunEnded = new ManualResetEventSlim();
        var firstRunFinishes = new Thread(() =>
        {
            while (!view.Seen(update => update.Running.Count == 2) && !secondRunEnded.Wait(20)) { }
            foreach (var claim in held)
            {
                first.RecordEpoch(claim, new EpochMetrics(1, 0.5, 0.4, 0.7, 0.1));
                first.RecordOutcome(claim, Fixtures.Completed(0.7, epochs: 2));
            }
        });
        firstRunFinishes.Start();

        var snapshot = Run(sweep, trials, runner, view: view);
        secondRunEnded.Set();
        firstRunFinishes.Join();

        Assert.Equal(trials.Where((_, index) => index is not (1 or 4)).Select(trial => trial.Hash), runner.Runs);
        Assert.Contains(view.Updates, update => update.Running.Select(trial => trial.Hash).ToHashSet().SetEquals(held.Select(claim => claim.TrialHash)));
        var rows = Rows(sweep);
        Assert.All(rows, row => Assert.Equal((TrialStatus.Completed, 1), (row.Status, row.Attempt)));
        Assert.Equal(("first-run", "first-run"), (rows[1].Worker, rows[4].Worker));
        Assert.Equal((6, 6, 0), (snapshot.Done, snapshot.FinishedThisRun, snapshot.RemainingThisRun));
    }

    [Fact]
    public void Run_TakesOverAHeldTrial_OnceItsHolderStopsRenewingTheLease()
    {
        var (sweep, trials) = Sweep(SixTrials);
        using (var frozen = results.Open(lease: TimeSpan.FromSeconds(1)))
        {
            frozen.SyncSweep(sweep, trials);
            Assert.NotNull(frozen.TryClaim(trials[2].Hash, "frozen-run")); // alive, but it never renews
        }
        var runner = new ScriptedTrialRunner();

        Run(sweep, trials, runner);

        Assert.Equal(trials.Where((_, index) => index != 2).Append(trials[2]).Select(trial => trial.Hash), runner.Runs);
        AssertEveryTrialCompleted(sweep, attempts: [1, 1, 2, 1, 1, 1]);
        Assert.Equal("worker-1", Rows(sweep)[2].Worker);
    }

    [Fact]
    public void Run_RecordsFailedAndDivergedTrials_AndGoesOn()
    {
        var (sweep, trials) = Sweep(SixTrials);

        var snapshot = Run(sweep, trials, FailingAndDiverging());

        var rows = Rows(sweep);
        Assert.Equal([TrialStatus.Completed, TrialStatus.Failed, TrialStatus.Completed, TrialStatus.Diverged, TrialStatus.Completed, TrialStatus.Completed],
            rows.Select(row => row.Status));
        Assert.Equal("InvalidOperationException: out of luck", rows[1].Error);
        Assert.Contains("loss became", rows[3].Error);
        Assert.Equal((5, 1, 0, 6), (snapshot.Done, snapshot.Failed, snapshot.Pending, snapshot.FinishedThisRun));
        var report = Report(sweep);
        Assert.Equal(4, report.RankedTrials);
        Assert.Equal(StatusCounts.Empty with { Completed = 4, Failed = 1, Diverged = 1 }, report.Counts);
    }

    [Fact]
    public void Run_DoesNotRerunFailedOrDivergedTrials_UnlessRetryFailed()
    {
        var (sweep, trials) = Sweep(SixTrials);
        Run(sweep, trials, FailingAndDiverging());
        var plain = new ScriptedTrialRunner();
        var retrying = new ScriptedTrialRunner();

        Run(sweep, trials, plain);
        var afterPlain = Rows(sweep);
        var snapshot = Run(sweep, trials, retrying, retryFailed: true);

        Assert.Empty(plain.Runs);
        Assert.Equal([1, 1, 1, 1, 1, 1], afterPlain.Select(row => row.Attempt));
        Assert.Equal([trials[1].Hash, trials[3].Hash], retrying.Runs);
        AssertEveryTrialCompleted(sweep, attempts: [1, 2, 1, 2, 1, 1]);
        Assert.Equal((6, 0, 2), (snapshot.Done, snapshot.Failed, snapshot.FinishedThisRun));
    }

    [Fact]
    public void Run_EndsWhenTheQueueLostAJob_AndTheNextRunTrainsThatTrial()
    {
        var (sweep, trials) = Sweep(SixTrials);
        var lost = trials[4].Hash;

        var snapshot = Run(sweep, trials, new ScriptedTrialRunner(), lose: trial => trial.Hash == lost);
        var afterLoss = Rows(sweep)[4].Status;
        var next = new ScriptedTrialRunner();
        Run(sweep, trials, next);

        Assert.Equal(TrialStatus.Pending, afterLoss);
        Assert.Equal((5, 1, 1), (snapshot.Done, snapshot.Pending, snapshot.RemainingThisRun));
        Assert.Equal([lost], next.Runs);
    }

    [Fact]
    public void Run_OfATrialListChangedByOverrides_TrainsOnlyTheNewTrials()
    {
        var (sweep, trials) = Sweep(SixTrials);
        Run(sweep, trials, new ScriptedTrialRunner());
        var (_, wider) = Sweep(SixTrials, "lr=0.5,0.6,0.7");
        var runner = new ScriptedTrialRunner();

        var snapshot = Run(sweep, wider, runner);

        Assert.Equal([wider[2].Hash], runner.Runs);
        Assert.Equal(0.7, Rows(sweep).Single(row => row.Hash == wider[2].Hash).Config.LearningRate);
        Assert.Equal((3, 3, 1), (snapshot.Total, snapshot.Done, snapshot.FinishedThisRun));
    }

    private const string Bayes = """
        name: search
        method: bayes
        run_cap: 12
        parameters:
          lr: {min: 0.01, max: 1, scale: log}
          hidden: {values: [[], [10]]}
          epochs: {value: 2}
        """;

    [Fact]
    public void Run_OfABayesSweep_ProposesRunCapTrials_AsResultsArrive_AndARerunTrainsNothing()
    {
        var runner = new ScriptedTrialRunner();

        var snapshot = RunSearch(Bayes, runner);

        var rows = Rows(SweepOf(Bayes));
        Assert.Equal(12, rows.Count);
        Assert.Equal(rows.Select(row => row.Hash), runner.Runs); // one worker: trained in proposal order, each once
        Assert.All(rows, row => Assert.Equal((TrialStatus.Completed, 1), (row.Status, row.Attempt)));
        Assert.Equal((12, 12, 0), (snapshot.Done, snapshot.FinishedThisRun, snapshot.RemainingThisRun));
        Assert.Equal([12], queueOpenedFor);
        // val_acc grows with lr here: TPE's later proposals go up the lr axis.
        Assert.True(rows.Skip(8).Average(row => row.Config.LearningRate) > rows.Take(4).Average(row => row.Config.LearningRate));

        // One worker: each proposal saw every earlier result. The count is kept by a rerun's sync of the sweep.
        Assert.Equal(Enumerable.Range(0, 12), ResultsSeen("search"));

        var again = new ScriptedTrialRunner();
        RunSearch(Bayes, again);
        Assert.Empty(again.Runs);
        Assert.Equal([12], queueOpenedFor);
        Assert.Equal(rows.Select(row => row.Hash), Rows(SweepOf(Bayes)).Select(row => row.Hash));
        Assert.Equal(Enumerable.Range(0, 12), ResultsSeen("search"));
    }

    [Fact]
    public void TwoRunsOfOneBayesSweep_AtOnce_ProposeRunCapTrialsInAll_EachTrainedOnce_AndEndWithTheSameReport()
    {
        var definition = SweepFileLoader.Load(folder.Write("sweep.yaml", Bayes));
        var sweep = SweepOf(Bayes);
        // Each run trains on its own thread with its own store, as two `sweep run` processes would; a trial takes 40 ms so
        // that the runs' proposals interleave.
        var runners = new[] { Slow(), Slow() };
        var reports = new string[2];
        using var together = new Barrier(2);
        var runs = runners.Select((runner, index) => new Thread(() =>
        {
            together.SignalAndWait();
            using var store = results.Open();
            var proposed = StoredTrialStatuses.Proposed(results.Path, definition.Name).Select(config => Fixtures.Planned(config)).ToList();
            new SweepRunner(store, new RecordingRunView(), _ => new SynchronousQueue(() => new TrialJob(store, runner, $"run-{index}")))
                .Run(sweep, proposed, retryFailed: false, CancellationToken.None, new BayesProposer(definition, Fixtures.DatasetChecksum));
            reports[index] = string.Join(",", store.TrialRows(sweep.Name).Select(row => $"{row.Hash}:{row.Status}"));
        })).ToList();
        runs.ForEach(run => run.Start());
        runs.ForEach(run => run.Join());

        var rows = Rows(sweep);
        Assert.Equal(12, rows.Count);
        Assert.Equal(12, rows.Select(row => row.Hash).Distinct().Count());
        Assert.All(rows, row => Assert.Equal((TrialStatus.Completed, 1), (row.Status, row.Attempt)));
        var trained = runners.SelectMany(runner => runner.Runs).ToList();
        Assert.Equal(rows.Select(row => row.Hash).Order(), trained.Order());
        Assert.All(runners, runner => Assert.NotEmpty(runner.Runs)); // both runs took part
        // Each run ended once every trial had its result, whichever run proposed it.
        Assert.Equal(reports[0], reports[1]);
        Assert.Equal(string.Join(",", rows.Select(row => $"{row.Hash}:{TrialStatus.Completed}")), reports[0]);
    }

    [Fact]
    public void ABayesRun_WhoseLastProposalAnotherRunAddedButNeverClaimed_TrainsIt_BeforeItEnds()
    {
        var definition = SweepFileLoader.Load(folder.Write("sweep.yaml", Bayes));
        var sweep = SweepOf(Bayes);
        var runner = new ScriptedTrialRunner();
        // The other run adds the 12th trial between this run's proposal and its write, then never enqueues it (its job is
        // not fetched yet, or it died): this run's own write loses, and the search is over with that trial pending.
        var search = new LastProposalTakenByAnotherRun(new BayesProposer(definition, Fixtures.DatasetChecksum), results, sweep.Name);

        var snapshot = Run(sweep, [], runner, search: search);

        var rows = Rows(sweep);
        Assert.Equal(12, rows.Count);
        Assert.All(rows, row => Assert.Equal((TrialStatus.Completed, 1), (row.Status, row.Attempt)));
        Assert.Equal(rows.Select(row => row.Hash), runner.Runs);
        Assert.Equal(0, snapshot.RemainingThisRun);
    }

    private sealed class LastProposalTakenByAnotherRun(ITrialProposer search, TempResultsFile results, string sweep) : ITrialProposer
    {
        public int Remaining(int proposedSoFar) => search.Remaining(proposedSoFar);

        public IReadOnlyList<ProposedTrial> Next(IReadOnlyList<TrialRow> trials, int count)
        {
            var proposals = search.Next(trials, count);
            if (proposals.Count > 0 && search.Remaining(proposals[^1].Number) == 0)
            {
                using var otherRun = results.Open();
                Assert.NotNull(otherRun.AddProposals(sweep, proposals));
            }
            return proposals;
        }
    }

    private static ScriptedTrialRunner Slow() => new(_ =>
    {
        Thread.Sleep(40);
        return null;
    });

    [Fact]
    public void Run_OfABayesSweep_Interrupted_ResumesTheInterruptedTrial_ThenProposesTheRest_AsAnUninterruptedRunWould()
    {
        var trained = 0;
        RunSearch(Bayes, new ScriptedTrialRunner(_ =>
        {
            if (++trained < 5) return null;
            interrupt.Cancel();
            queue!.RequestStop();
            throw new OperationCanceledException();
        }));
        var stopped = Rows(SweepOf(Bayes));
        Assert.Equal(5, stopped.Count);
        Assert.Equal(TrialStatus.Interrupted, stopped[4].Status);

        interrupt.Dispose();
        interrupt = new CancellationTokenSource(); // Ctrl-C ended that run; the next one starts afresh
        RunSearch(Bayes, new ScriptedTrialRunner());
        var resumed = Rows(SweepOf(Bayes));
        Assert.Equal(12, resumed.Count);
        Assert.All(resumed, row => Assert.Equal(TrialStatus.Completed, row.Status));
        Assert.Equal(2, resumed[4].Attempt);

        // With one worker the proposals depend only on the results before them: a fresh file gets the same trials.
        using var fresh = new TempResultsFile();
        using var store = fresh.Open();
        var definition = SweepFileLoader.Load(folder.Write("sweep.yaml", Bayes));
        new SweepRunner(store, new RecordingRunView(), _ => new SynchronousQueue(() => new TrialJob(store, new ScriptedTrialRunner(), "worker-1")))
            .Run(SweepOf(Bayes), [], retryFailed: false, CancellationToken.None, new BayesProposer(definition, Fixtures.DatasetChecksum));
        Assert.Equal(resumed.Select(row => row.Hash), store.TrialRows("search").Select(row => row.Hash));
    }

    [Fact]
    public void Run_WithHyperband_StopsTrialsOutsideTheTopThirdAtEachRung_RecordsWhy_AndARerunTrainsNothing()
    {
        // Trials in falling lr, so falling val_acc (ScriptedTrialRunner): each new trial meets better ones at the rungs.
        const string yaml = """
            name: pruned
            early_terminate: {type: hyperband, min_iter: 1, eta: 3}
            parameters:
              lr: {values: [0.9, 0.8, 0.7, 0.6, 0.5, 0.4]}
              epochs: {value: 9}
            """;
        var (sweep, trials) = Sweep(yaml);
        var definition = SweepFileLoader.Load(folder.Write("sweep.yaml", yaml));
        var plan = new PruningPlan(sweep.Name, "val_acc", Goal.Maximize, definition.EarlyTermination!);

        Run(sweep, trials, new ScriptedTrialRunner(), pruning: plan);

        var rows = Rows(sweep);
        Assert.Equal(TrialStatus.Completed, rows[0].Status);
        Assert.All(rows.Skip(1), row => Assert.Equal((TrialStatus.Pruned, 1), (row.Status, row.EpochsDone)));
        Assert.All(rows.Skip(1), row => Assert.Equal(ScriptedTrialRunner.ValAccOf(row.Config), row.ValAcc));
        Assert.All(rows.Skip(1), row => Assert.StartsWith("pruned at epoch 1: val_acc ", row.Error));
        using (var store = results.Open())
            Assert.Equal(9, store.Epochs(rows[0].Hash).Count);
        using (var connection = results.Connect())
        using (var command = connection.CreateCommand())
        {
            // The first trial was judged at rungs 1 and 3 and went on; each other one was stopped at rung 1.
            command.CommandText = "SELECT decision, count(*) FROM decisions WHERE sweep = 'pruned' GROUP BY decision ORDER BY decision";
            using var reader = command.ExecuteReader();
            var counts = new List<(string, long)>();
            while (reader.Read()) counts.Add((reader.GetString(0), reader.GetInt64(1)));
            Assert.Equal([("continue", 2L), ("prune", 5L)], counts);
        }

        var report = Report(sweep);
        Assert.Equal(0.9, report.Best!.Config.LearningRate);
        Assert.Equal(6, report.RankedTrials);
        Assert.Equal(5, report.Counts.Pruned);

        var again = new ScriptedTrialRunner();
        Run(sweep, trials, again, pruning: plan);
        Assert.Empty(again.Runs);
    }

    /// <summary>One `sweep run` of a bayes sweep file: its trials so far come from the results file, as RunCommand reads them.</summary>
    private ProgressSnapshot RunSearch(string yaml, ScriptedTrialRunner runner)
    {
        var definition = SweepFileLoader.Load(folder.Write("sweep.yaml", yaml));
        var proposed = StoredTrialStatuses.Proposed(results.Path, definition.Name).Select(config => Fixtures.Planned(config)).ToList();
        return Run(SweepOf(yaml), proposed, runner, search: new BayesProposer(definition, Fixtures.DatasetChecksum));
    }

    private SweepRecord SweepOf(string yaml) => Sweep(yaml).Sweep;

    private IEnumerable<int> ResultsSeen(string sweep)
    {
        using var connection = results.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT results_seen FROM sweep_trials WHERE sweep = '{sweep}' ORDER BY position";
        using var reader = command.ExecuteReader();
        var seen = new List<int>();
        while (reader.Read()) seen.Add(reader.GetInt32(0));
        return seen;
    }

    /// <summary>Completes trials until the one with this learning rate, during which Ctrl-C reaches the run and its job.</summary>
    private ScriptedTrialRunner InterruptedAt(double learningRate) => new(config =>
    {
        if (config.LearningRate != learningRate) return null;
        interrupt.Cancel();
        queue!.RequestStop();
        throw new OperationCanceledException();
    });

    /// <summary>lr=0.2 throws (a failed trial), lr=0.4 diverges; the rest complete.</summary>
    private static ScriptedTrialRunner FailingAndDiverging() => new(config => config.LearningRate switch
    {
        0.2 => throw new InvalidOperationException("out of luck"),
        0.4 => new TrialOutcome(TrialStatus.Diverged, "loss became NaN at epoch 1", double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0.01, 1),
        _ => null,
    });

    /// <summary>A sweep file loaded and expanded as `sweep run` does, with the fixture dataset checksum.</summary>
    private (SweepRecord Sweep, IReadOnlyList<PlannedTrial> Trials) Sweep(string yaml, params string[] overrides)
    {
        var definition = SweepFileLoader.Load(folder.Write("sweep.yaml", yaml), overrides);
        var trials = definition.Method == SweepMethod.Bayes
            ? []
            : definition.Expand(_ => Fixtures.DatasetChecksum).Select(config => Fixtures.Planned(config)).ToList();
        var sweep = new SweepRecord(definition.Name, definition.SourceFile, definition.Method.ToString().ToLowerInvariant(),
            definition.Metric.Name, definition.Goal.Name(), definition.ToJson());
        return (sweep, trials);
    }

    /// <summary>One `sweep run`: its own store and view; the view is finished exactly once, with the snapshot returned.</summary>
    private ProgressSnapshot Run(SweepRecord sweep, IReadOnlyList<PlannedTrial> trials, ScriptedTrialRunner runner, bool retryFailed = false,
        Func<PendingTrial, bool>? lose = null, RecordingRunView? view = null, ITrialProposer? search = null, PruningPlan? pruning = null)
    {
        using var store = results.Open();
        view ??= new RecordingRunView();
        var sweepRunner = new SweepRunner(store, view, pending =>
        {
            queueOpenedFor.Add(pending);
            return queue = new SynchronousQueue(() => new TrialJob(store, runner, "worker-1"), lose);
        });

        var snapshot = sweepRunner.Run(sweep, trials, retryFailed, interrupt.Token, search, pruning);

        Assert.Same(snapshot, Assert.Single(view.Finished));
        return snapshot;
    }

    private void AssertEveryTrialCompleted(SweepRecord sweep, int[] attempts)
    {
        var rows = Rows(sweep);
        Assert.All(rows, row => Assert.Equal(TrialStatus.Completed, row.Status));
        Assert.Equal(attempts, rows.Select(row => row.Attempt));
    }

    private IReadOnlyList<TrialRow> Rows(SweepRecord sweep)
    {
        using var store = results.Open();
        return store.TrialRows(sweep.Name);
    }

    private SweepReport Report(SweepRecord sweep) => SweepReport.Build(sweep, Rows(sweep), ReportOptions.For(sweep));
}
