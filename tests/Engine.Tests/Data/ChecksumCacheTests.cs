using Sweep.Engine.Data;

namespace Sweep.Engine.Tests.Data;

public sealed class ChecksumCacheTests : IDisposable
{
    private const string HashA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string HashB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private (ChecksumCache Cache, string[] Paths) StoredPair()
    {
        var paths = new[] { _temp.File("a"), _temp.File("b") };
        File.WriteAllText(paths[0], "first");
        File.WriteAllText(paths[1], "second");
        var cache = new ChecksumCache(_temp.File("cache/checksums.tsv"));
        cache.Store(paths, [HashA, HashB]);
        return (cache, paths);
    }

    [Fact]
    public void Lookup_GivesTheStoredHashesInOrder_AlsoToAnotherInstanceReadingTheSameFile()
    {
        var (cache, paths) = StoredPair();

        Assert.Equal([HashA, HashB], cache.Lookup(paths)!);
        Assert.Equal([HashB, HashA], new ChecksumCache(cache.File).Lookup([paths[1], paths[0]])!);
    }

    [Fact]
    public void Lookup_Misses_WhenAFileChangedSize()
    {
        var (cache, paths) = StoredPair();
        var stamp = File.GetLastWriteTimeUtc(paths[1]);
        File.WriteAllText(paths[1], "second, longer");
        File.SetLastWriteTimeUtc(paths[1], stamp);

        Assert.Null(cache.Lookup(paths));
    }

    [Fact]
    public void Lookup_Misses_WhenAFileWasRewrittenWithTheSameSize_AndANewModificationTime()
    {
        var (cache, paths) = StoredPair();
        File.WriteAllText(paths[0], "FIRST");
        File.SetLastWriteTimeUtc(paths[0], File.GetLastWriteTimeUtc(paths[0]).AddSeconds(1));

        Assert.Null(cache.Lookup(paths));
    }

    [Fact]
    public void Lookup_Misses_WhenOneFileWasNeverStored_OrIsGone()
    {
        var (cache, paths) = StoredPair();
        var other = _temp.File("c");
        File.WriteAllText(other, "third");

        Assert.Null(cache.Lookup([paths[0], other]));
        File.Delete(paths[1]);
        Assert.Null(cache.Lookup(paths));
    }

    [Fact]
    public void Store_ReplacesTheFileWhole_LeavingNoTemporaryFile_AndForgetsFilesThatAreGone()
    {
        var (cache, paths) = StoredPair();
        File.Delete(paths[1]);

        cache.Store([paths[0]], [HashB]);

        Assert.Equal(["checksums.tsv"], Directory.GetFiles(Path.GetDirectoryName(cache.File)!).Select(Path.GetFileName));
        Assert.Equal([$"{HashB}"], File.ReadAllLines(cache.File).Select(line => line.Split('\t')[0]));
    }

    [Fact]
    public void Lookup_IgnoresMalformedLines_AndACacheThatCannotBeWrittenOnlyCostsTime()
    {
        var (cache, paths) = StoredPair();
        File.AppendAllLines(cache.File, ["garbage", "short\t1:2\t" + paths[0]]);
        Assert.Equal([HashA, HashB], cache.Lookup(paths)!);

        var blocked = _temp.File("not-a-folder");
        File.WriteAllText(blocked, "a file where the cache folder should be");
        var unwritable = new ChecksumCache(Path.Combine(blocked, "checksums.tsv"));
        unwritable.Store(paths, [HashA, HashB]);
        Assert.Null(unwritable.Lookup(paths));
    }
}
