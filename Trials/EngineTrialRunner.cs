using System.Diagnostics;
using Sweep.Engine.Data;
using Sweep.Engine.Training;

namespace Sweep.Trials;

/// <summary>
/// Runs a trial on the Engine with the dataset from this machine's data root (loaded once per process). A worker on
/// another machine fetches a named dataset that its cache lacks; either way the data must give the trial the hash the
/// coordinator planned it with, or the trial fails naming both checksums.
/// </summary>
/// <param name="onProgress">Progress inside an epoch (trial hash, progress), for a view in this process.</param>
/// <param name="fetchProgress">Where a fetch of a missing dataset reports, so a worker's log says what it fetched.</param>
/// <param name="checkpoints">Where each epoch's checkpoint is saved, so the next attempt (after a kill, a lost lease or
/// Ctrl-C) resumes from it bit-identically; it is deleted once the trial ends (completed, diverged or failed), and kept
/// when the attempt was stopped. Null: no checkpoints.</param>
/// <param name="notice">Where a resume, or a checkpoint that could not be used, is said (one line).</param>
/// <param name="cores">The threads each trial trains with: a share of the process's cores that grows when other trials end
/// (<see cref="CoreShares"/>), or a fixed count.</param>
public sealed class EngineTrialRunner(string? dataDir, CoreShares cores, bool fetchIfMissing = false,
    Action<string, EpochProgress>? onProgress = null, IProgress<FetchProgress>? fetchProgress = null,
    ICheckpointStore? checkpoints = null, Action<string>? notice = null) : ITrialRunner
{
    public TrialOutcome Run(string trialHash, TrialConfig config, Action<EpochMetrics> onEpoch, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var data = Load(config, cancellation);
        var localHash = config.Hash(data.Checksum);
        if (localHash != trialHash)
        {
            return TrialOutcome.Failed(
                $"dataset '{config.Dataset}' on this worker (sha256 {data.Checksum[..12]}…) is not the data the trial was " +
                $"planned with: trial {trialHash[..12]} but this worker computes {localHash[..12]}", clock.Elapsed.TotalSeconds);
        }
        using var share = cores.Join();
        var options = config.ToOptions(share.Share.Threads);
        Action<EpochProgress>? progress = onProgress is null ? null : step => onProgress(trialHash, step);
        if (checkpoints is null) return TrialOutcome.From(Trainer.Train(data, options, onEpoch, cancellation, progress, threads: share.Share));

        var resumeFrom = Resumable(trialHash, options, data, checkpoints);
        TrainingResult result;
        try
        {
            // Resuming replays the checkpoint's epochs through onEpoch: the store clears a new attempt's epochs, and gets them back.
            result = Trainer.Train(data, options, onEpoch, cancellation, progress, resumeFrom, checkpoint =>
            {
                // A stopped or superseded attempt saves nothing more: the trial may have ended elsewhere meanwhile.
                if (!cancellation.IsCancellationRequested) checkpoints.Save(trialHash, checkpoint.ToBytes());
            }, share.Share);
        }
        catch (Exception error) when (error is not (TrialStoreException or OperationCanceledException))
        {
            checkpoints.Delete(trialHash); // the trial fails, and would fail the same way from its checkpoint
            throw;
        }
        if (result.Status != TrainingStatus.Cancelled) checkpoints.Delete(trialHash);
        return TrialOutcome.From(result);
    }

    /// <summary>
    /// The trial's checkpoint when it is whole and of these options and data; else null (training starts at epoch 1),
    /// after saying why and deleting it, since it could never be used.
    /// </summary>
    private TrainingCheckpoint? Resumable(string trialHash, TrainingOptions options, DataSplits data, ICheckpointStore store)
    {
        if (store.Load(trialHash) is not { } bytes) return null;
        var trial = TrialHashText.Short(trialHash);
        try
        {
            var checkpoint = TrainingCheckpoint.FromBytes(bytes);
            if (checkpoint.Identity != TrainingCheckpoint.IdentityOf(options, data))
                throw new CheckpointException("it was taken for other options or data");
            notice?.Invoke($"trial {trial}: resumed from epoch {checkpoint.Epoch} of {options.Epochs} (its checkpoint)");
            return checkpoint;
        }
        catch (CheckpointException error)
        {
            notice?.Invoke($"trial {trial}: checkpoint not used ({error.Message}); training from epoch 1");
            store.Delete(trialHash);
            return null;
        }
    }

    private DataSplits Load(TrialConfig config, CancellationToken cancellation)
    {
        try
        {
            return DatasetCatalog.Load(config.Dataset, dataDir, config.ValidationSize);
        }
        catch (DataFormatException) when (fetchIfMissing && DatasetCatalog.IsKnownName(config.Dataset))
        {
            // Fetching verifies every file's SHA-256 and installs all or nothing; a corrupt cache is not "missing"
            // and fails again below with the loader's own message.
            new DatasetFetcher().FetchAsync(config.Dataset, dataDir, progress: fetchProgress, cancellationToken: cancellation).GetAwaiter().GetResult();
            return DatasetCatalog.Load(config.Dataset, dataDir, config.ValidationSize);
        }
    }
}
