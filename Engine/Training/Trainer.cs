using System.Diagnostics;
using Sweep.Engine.Data;
using Sweep.Engine.Model;
using Sweep.Engine.Randomness;

namespace Sweep.Engine.Training;

/// <summary>
/// Trains a <see cref="Network"/> with mini-batch gradient descent and back-propagation, the tutorial's method.
/// Each epoch visits the training set in a fresh seeded order, then measures the validation set; the test set
/// is measured once at the end. Each epoch's end can be taken as a <see cref="TrainingCheckpoint"/>, and a run resumed
/// from one ends bit-identical to a run that never stopped. Non-goals: data loading, persistence, scheduling.
/// </summary>
public static class Trainer
{
    /// <summary>Within-epoch progress comes about this many times per epoch: often enough to watch, rare enough to cost nothing.</summary>
    public const int ProgressReportsPerEpoch = 20;

    /// <param name="onProgress">Called every 1/<see cref="ProgressReportsPerEpoch"/> of an epoch; it only reads counters, so
    /// results are bit-identical with or without it.</param>
    /// <param name="resumeFrom">A checkpoint of these options and data to continue from (else <see cref="CheckpointException"/>,
    /// before any work); <paramref name="onEpoch"/> is first called for the epochs it holds, so a listener sees every epoch.</param>
    /// <param name="onCheckpoint">Called at the end of every epoch that did not diverge, with a copy the callee may keep.</param>
    /// <param name="threads">When given, the threads are read from it before every batch instead of <see cref="TrainingOptions.Threads"/>
    /// (a share of the cores that grows when other trials end); the results are the same bits either way.</param>
    public static TrainingResult Train(DataSplits data, TrainingOptions options,
        Action<EpochMetrics>? onEpoch = null, CancellationToken cancellation = default, Action<EpochProgress>? onProgress = null,
        TrainingCheckpoint? resumeFrom = null, Action<TrainingCheckpoint>? onCheckpoint = null, ThreadShare? threads = null)
    {
        options.Validate();
        var identity = TrainingCheckpoint.IdentityOf(options, data);
        var clock = Stopwatch.StartNew();
        var train = data.Train;
        // Separate streams for initialisation and shuffling: changing the epoch count never changes the initial weights.
        var network = Network.Create(options.InputShape(train.Shape), options.HiddenLayers, train.Classes, options.Init,
            new DeterministicRandom(options.Seed));
        var shuffleRandom = new DeterministicRandom(options.Seed ^ 0x5EED_5EED_5EED_5EEDUL);

        var batchSize = Math.Min(options.BatchSize, train.Count);
        var workspace = new NetworkWorkspace(network, Math.Max(batchSize, Evaluator.EvaluationBatch), options.Threads);
        var optimizer = Optimizers.Create(network, options);
        var order = Enumerable.Range(0, train.Count).ToArray();
        float[]? batchImages = null; // only when the batch is gathered as floats: a first layer that takes pixel rows never needs it
        var batchLabels = new byte[batchSize];
        var epochs = new List<EpochMetrics>();
        var batchesPerEpoch = (train.Count + batchSize - 1) / batchSize;
        var progressEvery = Math.Max(1, batchesPerEpoch / ProgressReportsPerEpoch);
        var totalSteps = (double)batchesPerEpoch * options.Epochs;
        var step = 0;
        var firstEpoch = 1;
        if (resumeFrom is not null)
        {
            CheckpointResume.Check(resumeFrom, identity, network, optimizer, train.Count);
            CheckpointResume.Apply(resumeFrom, network, optimizer, shuffleRandom, order);
            (step, firstEpoch) = (resumeFrom.Step, resumeFrom.Epoch + 1);
            epochs.AddRange(resumeFrom.Epochs);
            foreach (var done in resumeFrom.Epochs) onEpoch?.Invoke(done);
        }

        for (var epoch = firstEpoch; epoch <= options.Epochs; epoch++)
        {
            var epochClock = Stopwatch.StartNew();
            shuffleRandom.Shuffle(order);
            var lossSum = 0.0;
            var batches = 0;
            for (var start = 0; start < train.Count; start += batchSize)
            {
                if (cancellation.IsCancellationRequested) return Finish(TrainingStatus.Cancelled, "cancelled");
                var batch = Math.Min(batchSize, train.Count - start);
                if (threads is not null) workspace.Threads = optimizer.Threads = threads.Threads;
                var mark = PassProfile.Mark();
                // A first layer that reads only some columns takes the rows from the 8-bit dataset itself (the same floats).
                var rows = workspace.TakesPixelRows ? ShuffledPixelRows.Of(train, order, start) : null;
                if (rows is null) BatchGather.Run(train, order, start, batch, batchImages ??= new float[batchSize * train.Features], batchLabels, workspace.Threads);
                else BatchGather.Labels(train, order, start, batch, batchLabels);
                PassProfile.Lap(ref mark, TrainingPass.Gather);
                optimizer.LearningRate = options.LearningRateAt(step++ / totalSteps);
                var dropout = options.Dropout > 0 ? new DropoutMask(options.Dropout, options.Seed, epoch, batches) : default;
                var labels = batchLabels.AsSpan(0, batch);
                var loss = rows is { } pixelRows
                    ? TrainingStep.Run(network, workspace, optimizer, pixelRows, labels, batch, dropout)
                    : TrainingStep.Run(network, workspace, optimizer, batchImages!.AsSpan(0, batch * train.Features), labels, batch, dropout);
                if (!double.IsFinite(loss))
                    return Finish(TrainingStatus.Diverged, $"loss became {loss} in epoch {epoch} at example {start}");
                lossSum += loss;
                batches++;
                if (onProgress is not null && batches % progressEvery == 0)
                    onProgress(new EpochProgress(epoch, (double)(start + batch) / train.Count, lossSum / batches));
            }
            if (threads is not null) workspace.Threads = threads.Threads;
            var validation = Evaluator.Evaluate(network, data.Validation, options.Threads, workspace);
            var metrics = new EpochMetrics(epoch, lossSum / batches, validation.Loss, validation.Accuracy, epochClock.Elapsed.TotalSeconds);
            epochs.Add(metrics);
            onEpoch?.Invoke(metrics);
            if (data.Validation.Count > 0 && !double.IsFinite(validation.Loss))
                return Finish(TrainingStatus.Diverged, $"validation loss became {validation.Loss} in epoch {epoch}");
            onCheckpoint?.Invoke(CheckpointResume.Capture(identity, epoch, step, shuffleRandom, order, network, optimizer, epochs));
        }
        return Finish(TrainingStatus.Completed, null);

        TrainingResult Finish(TrainingStatus status, string? message)
        {
            var last = epochs.LastOrDefault();
            if (threads is not null) workspace.Threads = threads.Threads;
            var test = status == TrainingStatus.Completed
                ? Evaluator.Evaluate(network, data.Test, options.Threads, workspace)
                : new Evaluation(double.NaN, double.NaN, 0, new int[0, 0]);
            return new TrainingResult(status, epochs,
                last?.TrainLoss ?? double.NaN, last?.ValLoss ?? double.NaN, last?.ValAcc ?? double.NaN,
                test.Loss, test.Accuracy, clock.Elapsed.TotalSeconds, network, message);
        }
    }
}
