using Sweep.Trials;

namespace Sweep.Queue.Tests.Checkpoints;

/// <summary>The folder store on real files, plus what only files have: the folder's name, leftovers and unwritable places.</summary>
public sealed class FolderCheckpointStoreTests : CheckpointStoreContract, IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly FolderCheckpointStore _store;

    public FolderCheckpointStoreTests() => _store = FolderCheckpointStore.BesideResults(_temp.ResultsPath);

    protected override ICheckpointStore Store => _store;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Checkpoints_LiveBesideTheResultsFile_AsHashDotCkpt_WithNoTemporaryFileLeft()
    {
        Assert.False(Directory.Exists(_store.Folder)); // nothing until the first save

        _store.Save(Trial, Bytes(1000, seed: 1));
        _store.Save(Trial, Bytes(1000, seed: 2));

        Assert.Equal(_temp.ResultsPath + ".checkpoints", _store.Folder);
        Assert.Equal([Trial + ".ckpt"], Directory.GetFiles(_store.Folder).Select(Path.GetFileName));
    }

    [Fact]
    public void ATemporaryFileOfACrashedSave_IsNotTheCheckpoint_AndGoesWithIt()
    {
        _store.Save(Trial, Bytes(1000, seed: 1));
        File.WriteAllBytes(Path.Combine(_store.Folder, Trial + ".ckpt.0badc0de.tmp"), Bytes(10, seed: 9));

        Assert.Equal(Bytes(1000, seed: 1), _store.Load(Trial));
        _store.Delete(Trial);
        Assert.Empty(Directory.GetFiles(_store.Folder)); // a save killed half-way leaves nothing once the trial ends
    }

    [Fact]
    public void AFolderThatCannotBeCreated_IsAStoreFailure_NamingThePath()
    {
        var blocked = Path.Combine(_temp.Path, "not-a-folder");
        File.WriteAllText(blocked, "a file where the folder should be");
        var store = new FolderCheckpointStore(blocked);

        var error = Assert.Throws<TrialStoreException>(() => store.Save(Trial, Bytes(10, seed: 1)));

        Assert.Contains(blocked, error.Message);
        Assert.Contains("cannot save the checkpoint", error.Message);
    }

    [Fact]
    public void AHashThatIsNotHex_IsRefused_SoNoPathLeavesTheFolder() =>
        Assert.Throws<ArgumentException>(() => _store.Save("../../etc/x", Bytes(1, seed: 1)));
}
