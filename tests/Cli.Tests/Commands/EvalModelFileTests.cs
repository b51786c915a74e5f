using System.Security.Cryptography;
using System.Text;

namespace Sweep.Cli.Tests.Commands;

/// <summary>
/// `sweep eval` on model files whose checksum is valid but whose fields are not: what another tool, a bug or a
/// hand edit (re-hashed) can produce. Each is bad input: exit 2, one line naming the file and the field, no .NET words.
/// </summary>
public sealed class EvalModelFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, byte[], string> AlteredFiles() => new()
    {
        { "zero layers", Model(layerCount: 0, widths: [784]), "layer count: expected 1..1000, found 0" },
        { "negative layer count", Model(layerCount: -1, widths: []), "layer count: expected 1..1000, found -1" },
        { "a million layers", Model(layerCount: 1_000_000, widths: [784, 10]), "layer count: expected 1..1000, found 1000000" },
        { "fewer widths than layers", Model(layerCount: 3, widths: [784, 10], floats: 0), "widths: expected 4 int32 for 3 layers" },
        { "zero inputs", Model(layerCount: 1, widths: [0, 10]), "layer 1 in_features (the inputs): expected a width >= 1, found 0" },
        { "negative hidden width", Model(layerCount: 2, widths: [784, -3, 10]), "layer 1 out_features (= layer 2 in_features): expected a width >= 1, found -3" },
        { "negative classes", Model(layerCount: 1, widths: [784, int.MinValue]), "layer 1 out_features (the classes): expected a width >= 1, found -2147483648" },
        { "huge width", Model(layerCount: 2, widths: [784, 2_000_000_000, 10]), "layer 1 parameters: widths 784×2000000000 declare 1568000000000 weights" },
        { "widths larger than the weights stored", Model(layerCount: 1, widths: [784, 11], floats: 784 * 10 + 10), "layer 1 parameters: widths 784×11" },
        { "negative metadata length", Model(layerCount: 1, widths: [784, 10], metadataLength: -5), "metadata length: expected 0 (the bytes left before the checksum), found -5" },
        { "huge metadata length", Model(layerCount: 1, widths: [784, 10], metadataLength: int.MaxValue), "metadata length: expected 0 (the bytes left before the checksum), found 2147483647" },
        { "trailing bytes", Model(layerCount: 1, widths: [784, 10], extraBytes: 3), "metadata length: expected 3 (the bytes left before the checksum), found 0" },
    };

    [Theory]
    [MemberData(nameof(AlteredFiles))]
    public void Eval_RefusesAModelFileWithAValidChecksumAndABadField_NamingTheFileAndTheField(string what, byte[] bytes, string expected)
    {
        var path = Path.Combine(_folder.Path, "model.bin");
        File.WriteAllBytes(path, bytes);

        var result = SweepProcess.RunIn(_folder.Path, "eval", path);

        Assert.True(result.ExitCode == 2, $"{what}: {result}");
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith($"sweep: {path}: ", line);
        Assert.Contains(expected, line);
        Assert.Empty(result.Stdout);
        foreach (var dotnet in new[] { "Exception", "System.", "Int32", "Nullable" }) Assert.DoesNotContain(dotnet, line);
    }

    [Fact]
    public void Eval_RefusesAWellFormedModelWhoseWidthsDoNotFitTheDataset_NamingTheFile()
    {
        var path = Path.Combine(_folder.Path, "model.bin");
        File.WriteAllBytes(path, Model(layerCount: 1, widths: [100, 10]));

        var result = SweepProcess.RunIn(_folder.Path, "eval", path);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"{path}: model takes 100 inputs and 10 classes, but mnist has 784 and 10", Assert.Single(result.StderrLines));
    }

    [Fact]
    public void Eval_ReadsTheSameLayoutWhenEveryFieldIsRight_SoTheFailuresAboveAreTheFieldsAlone()
    {
        var path = Path.Combine(_folder.Path, "model.bin");
        File.WriteAllBytes(path, Model(layerCount: 1, widths: [784, 10]));

        var result = SweepProcess.RunIn(_folder.Path, "eval", path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("test_acc", result.Stdout); // all-zero weights: a valid, if useless, model
    }

    /// <summary>
    /// A model file in the layout of Engine/Model/ModelFile.cs (magic, version 1, layer count, widths, float32
    /// parameters, metadata length + metadata, SHA-256 of all before), with any field as given and a correct checksum.
    /// <paramref name="floats"/> defaults to what the widths declare (0 when they make no sense).
    /// </summary>
    private static byte[] Model(int layerCount, int[] widths, long? floats = null, int? metadataLength = null, int extraBytes = 0)
    {
        using var body = new MemoryStream();
        using (var writer = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write("SWEEPNN\0"u8);
            writer.Write(1);
            writer.Write(layerCount);
            foreach (var width in widths) writer.Write(width);
            var declared = widths.Length >= 2 && widths.All(w => w is > 0 and < 100_000)
                ? widths.Zip(widths.Skip(1), (inFeatures, outFeatures) => (long)inFeatures * outFeatures + outFeatures).Sum()
                : 0;
            for (var i = 0L; i < (floats ?? declared); i++) writer.Write(0f);
            writer.Write(metadataLength ?? 0);
            for (var i = 0; i < extraBytes; i++) writer.Write((byte)'x');
        }
        return [.. body.ToArray(), .. SHA256.HashData(body.ToArray())];
    }
}
