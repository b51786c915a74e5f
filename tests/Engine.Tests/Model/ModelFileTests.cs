using Sweep.Engine.Model;
using Sweep.Engine.Randomness;

namespace Sweep.Engine.Tests.Model;

public sealed class ModelFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sweep-model-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Load_ReturnsTheSavedWeightsBiasesAndMetadata()
    {
        var network = Network.Create([5, 4, 3], WeightInit.Gaussian, new DeterministicRandom(3));
        network.Layers[1].Biases[2] = 0.25f;
        var path = Path.Combine(_folder, "m.bin");

        ModelFile.Save(path, network, "{\"lr\":0.5}");
        var (loaded, metadata) = ModelFile.Load(path);

        Assert.Equal(network.Widths, loaded.Widths);
        for (var l = 0; l < network.Layers.Count; l++)
        {
            Assert.Equal(network.Layers[l].Weights, loaded.Layers[l].Weights);
            Assert.Equal(network.Layers[l].Biases, loaded.Layers[l].Biases);
        }
        Assert.Equal("{\"lr\":0.5}", metadata);
    }

    [Fact]
    public void Load_RejectsAFlippedByte_WithAChecksumError()
    {
        var path = Path.Combine(_folder, "m.bin");
        ModelFile.Save(path, Network.Create([5, 3], WeightInit.Gaussian, new DeterministicRandom(3)));
        var bytes = File.ReadAllBytes(path);
        bytes[40] ^= 0x10;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<ModelFileException>(() => ModelFile.Load(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("checksum", error.Message);
    }

    [Fact]
    public void Load_RejectsATruncatedFile()
    {
        var path = Path.Combine(_folder, "m.bin");
        ModelFile.Save(path, Network.Create([5, 3], WeightInit.Gaussian, new DeterministicRandom(3)));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<ModelFileException>(() => ModelFile.Load(path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Load_RejectsOtherFiles_ByMagic()
    {
        var path = Path.Combine(_folder, "notes.txt");
        File.WriteAllText(path, "these are not the weights you are looking for, not at all");

        var error = Assert.Throws<ModelFileException>(() => ModelFile.Load(path));
        Assert.Contains("magic", error.Message);
    }

    [Fact]
    public void Load_NamesAMissingFile()
    {
        var path = Path.Combine(_folder, "absent.bin");
        var error = Assert.Throws<ModelFileException>(() => ModelFile.Load(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("not found", error.Message);
    }
}
