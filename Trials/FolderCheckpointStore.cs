using Sweep.Engine.Data;

namespace Sweep.Trials;

/// <summary>
/// Checkpoints as files HASH.ckpt in one folder, by default beside the results file (results.db.checkpoints/), for the
/// workers of one machine. A save writes a temporary file, flushes it to disk and renames it over the old one, so a
/// crash at any point leaves either the old checkpoint or the new one, never a torn file under the real name.
/// The folder is created at the first save. Kept models (keep_models) live in a store of the same kind, as model files
/// HASH.model in results.db.models/ (<see cref="ModelsBesideResults"/>): bytes by trial hash, replaced whole.
/// </summary>
/// <param name="extension">Of the files: <see cref="Extension"/> or <see cref="ModelExtension"/>.</param>
/// <param name="what">What a file holds, for error messages.</param>
public sealed class FolderCheckpointStore(string folder, string extension = FolderCheckpointStore.Extension, string what = "checkpoint") : ICheckpointStore
{
    public const string Extension = ".ckpt";
    public const string ModelExtension = ".model";

    /// <summary>The folder beside a results file: results.db → results.db.checkpoints.</summary>
    public static FolderCheckpointStore BesideResults(string resultsPath) => new(Path.GetFullPath(resultsPath) + ".checkpoints");

    /// <summary>The kept models beside a results file: results.db → results.db.models/HASH.model (model files `sweep eval` reads).</summary>
    public static FolderCheckpointStore ModelsBesideResults(string resultsPath) =>
        new(Path.GetFullPath(resultsPath) + ".models", ModelExtension, "model");

    public string Folder { get; } = Path.GetFullPath(folder);

    public byte[]? Load(string trialHash)
    {
        var path = PathOf(trialHash);
        try
        {
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
        catch (FileNotFoundException)
        {
            return null; // deleted between the check and the read: the trial ended
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new TrialStoreException($"{path}: cannot read the {what} ({error.Message})", error);
        }
    }

    public void Save(string trialHash, byte[] checkpoint)
    {
        var path = PathOf(trialHash);
        // A name of its own per save: two holders of the trial never write into one temporary file.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Folder);
            AtomicFile.Write(path, checkpoint, temporary);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new TrialStoreException($"{path}: cannot save the {what} ({error.Message})", error);
        }
    }

    /// <summary>
    /// Deletes the checkpoint and any temporary file a save of it left (a process killed while saving): the trial has
    /// ended, so nothing of it is worth keeping.
    /// </summary>
    public void Delete(string trialHash)
    {
        var path = PathOf(trialHash);
        try
        {
            File.Delete(path);
            foreach (var leftover in Directory.EnumerateFiles(Folder, Path.GetFileName(path) + ".*.tmp")) TryDelete(leftover);
        }
        catch (DirectoryNotFoundException)
        {
            // Never saved one.
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new TrialStoreException($"{path}: cannot delete the {what} ({error.Message})", error);
        }
    }

    /// <summary>Trial hashes are hex; anything else could name a path outside the folder.</summary>
    public string PathOf(string trialHash)
    {
        if (trialHash.Length == 0 || !trialHash.All(char.IsAsciiHexDigit))
            throw new ArgumentException($"a trial hash is hexadecimal, not '{trialHash}'");
        return Path.Combine(Folder, trialHash + extension);
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException) { /* a stray .tmp is ignored by Load */ }
    }
}
