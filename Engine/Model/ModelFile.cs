using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Sweep.Engine.Model;

/// <summary>
/// Saves and loads network weights. Layout (little-endian): magic "SWEEPNN\0", int32 version, int32 layer count,
/// int32 widths[count + 1], per layer float32 weights [in, out] then biases [out], int32 metadata length + UTF-8
/// metadata (free text, e.g. the training options as JSON), then SHA-256 of every byte before it.
/// The checksum catches truncation and bit rot; the version lets the layout change without misreading old files.
/// Version 2, written for networks with convolutions or pools (fully connected ones still write version 1, byte for
/// byte as before): after the version, int32 input height, width, channels, int32 classes, int32 length + UTF-8 of the
/// canonical hidden layers (<see cref="LayerSpec.Format"/>), then per parameter layer float32 weights [fan-in, fan-out]
/// then biases, the metadata and the checksum as in version 1.
/// </summary>
public static class ModelFile
{
    public const int CurrentVersion = 1;
    public const int LayersVersion = 2;
    private static readonly byte[] Magic = "SWEEPNN\0"u8.ToArray();
    private const int HashBytes = 32;
    private const int MaxLayers = 1000;

    public static void Save(string path, Network network, string metadata = "") => Write(path, ToBytes(network, metadata));

    /// <summary>The file's bytes, checksum included: what <see cref="Save"/> writes, for stores that keep models elsewhere.</summary>
    public static byte[] ToBytes(Network network, string metadata = "")
    {
        using var body = new MemoryStream();
        using (var writer = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            if (network.IsFullyConnected)
            {
                writer.Write(CurrentVersion);
                writer.Write(network.Layers.Count);
                foreach (var width in network.Widths) writer.Write(width);
            }
            else
            {
                writer.Write(LayersVersion);
                writer.Write(network.InputShape.Height);
                writer.Write(network.InputShape.Width);
                writer.Write(network.InputShape.Channels);
                writer.Write(network.Classes);
                var spec = Encoding.UTF8.GetBytes(LayerSpec.Format(network.Hidden));
                writer.Write(spec.Length);
                writer.Write(spec);
            }
            foreach (var layer in network.Layers)
            {
                foreach (var value in layer.Weights) writer.Write(value);
                foreach (var value in layer.Biases) writer.Write(value);
            }
            var metadataBytes = Encoding.UTF8.GetBytes(metadata);
            writer.Write(metadataBytes.Length);
            writer.Write(metadataBytes);
        }
        var bytes = body.ToArray();
        return [.. bytes, .. SHA256.HashData(bytes)];
    }

    /// <summary>Writes a model's bytes (from <see cref="ToBytes"/> or a model store) to <paramref name="path"/>.</summary>
    public static void Write(string path, byte[] bytes)
    {
        var fullPath = Path.GetFullPath(path);
        Data.AtomicFile.Write(fullPath, bytes, fullPath + ".tmp"); // a crash never leaves a half-written model under the name
    }

    public static (Network Network, string Metadata) Load(string path)
    {
        if (!File.Exists(path)) throw new ModelFileException($"{path}: model file not found (save one with `sweep train ... --save {path}`)");
        var bytes = File.ReadAllBytes(path);
        var minimum = Magic.Length + 8 + HashBytes;
        if (bytes.Length < minimum) throw Bad(path, $"expected at least {minimum} bytes, found {bytes.Length}");
        if (!bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic)) throw Bad(path, "expected a sweep model (magic \"SWEEPNN\"), found other data");
        var version = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(Magic.Length));
        if (version != CurrentVersion && version != LayersVersion)
            throw Bad(path, $"expected format version {CurrentVersion} or {LayersVersion}, found {version}");
        var content = bytes.AsSpan(0, bytes.Length - HashBytes);
        var storedHash = bytes.AsSpan(bytes.Length - HashBytes);
        if (!SHA256.HashData(content).AsSpan().SequenceEqual(storedHash))
            throw Bad(path, "checksum mismatch: the file is truncated or corrupted");

        // The checksum only proves the file is as written; a file written by another tool (or edited and re-hashed)
        // can still declare any widths and lengths, so every field is checked against the bytes that remain, in
        // 64-bit arithmetic, and named in the error.
        var reader = new SpanReader(bytes, Magic.Length + 4, content.Length);
        if (version == LayersVersion) return ReadLayersVersion(path, reader);
        var layerCount = reader.ReadInt32();
        if (layerCount < 1 || layerCount > MaxLayers) throw Bad(path, $"layer count: expected 1..{MaxLayers}, found {layerCount}");
        var widths = new int[layerCount + 1];
        if (reader.Remaining < 4L * widths.Length)
            throw Bad(path, $"widths: expected {widths.Length} int32 for {layerCount} layers, found only {reader.Remaining} bytes before the checksum");
        for (var i = 0; i < widths.Length; i++)
        {
            widths[i] = reader.ReadInt32();
            if (widths[i] < 1) throw Bad(path, $"{WidthField(i, layerCount)}: expected a width >= 1, found {widths[i]}");
        }
        var layers = new List<DenseLayer>();
        for (var l = 0; l < layerCount; l++)
        {
            var weightCount = (long)widths[l] * widths[l + 1];
            var floats = weightCount + widths[l + 1];
            if (4 * floats > reader.Remaining)
                throw Bad(path, $"layer {l + 1} parameters: widths {widths[l]}×{widths[l + 1]} declare {weightCount} weights + " +
                                $"{widths[l + 1]} biases = {4 * floats} bytes at byte {reader.Position}, but only {reader.Remaining} remain before the checksum");
            var weights = reader.ReadFloats((int)weightCount);
            var biases = reader.ReadFloats(widths[l + 1]);
            layers.Add(new DenseLayer(widths[l], widths[l + 1], weights, biases));
        }
        return (new Network(layers), ReadMetadata(path, reader));
    }

    private static (Network Network, string Metadata) ReadLayersVersion(string path, SpanReader reader)
    {
        if (reader.Remaining < 5 * 4) throw Bad(path, $"input shape, classes and layers: expected 5 int32, found {reader.Remaining} bytes before the checksum");
        var input = new ImageShape(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
        if (input.Height < 1 || input.Width < 1 || input.Channels < 1) throw Bad(path, $"input shape: expected sides >= 1, found {input}");
        var classes = reader.ReadInt32();
        if (classes < 1) throw Bad(path, $"classes: expected >= 1, found {classes}");
        var specLength = reader.ReadInt32();
        if (specLength < 0 || specLength > reader.Remaining) throw Bad(path, $"layers text: {specLength} bytes declared, {reader.Remaining} remain before the checksum");
        var specText = Encoding.UTF8.GetString(reader.ReadBytes(specLength));
        NetworkStage[] stages;
        IReadOnlyList<LayerSpec> hidden;
        try
        {
            hidden = LayerSpec.ParseList(specText);
            stages = NetworkStage.Plan(input, hidden, classes);
        }
        catch (Exception error) when (error is FormatException or ArgumentException)
        {
            throw Bad(path, $"layers '{specText}' on a {input} input: {error.Message}");
        }
        var layers = new List<DenseLayer>();
        foreach (var stage in stages.Where(stage => stage.HasParameters))
        {
            var weightCount = (long)stage.FanIn * stage.FanOut;
            var floats = weightCount + stage.FanOut;
            if (4 * floats > reader.Remaining)
                throw Bad(path, $"layer {stage.Layer + 1} parameters: {stage.FanIn}×{stage.FanOut} weights + {stage.FanOut} biases = {4 * floats} bytes " +
                                $"at byte {reader.Position}, but only {reader.Remaining} remain before the checksum");
            layers.Add(new DenseLayer(stage.FanIn, stage.FanOut, reader.ReadFloats((int)weightCount), reader.ReadFloats(stage.FanOut)));
        }
        return (new Network(input, hidden, layers), ReadMetadata(path, reader));
    }

    private static string ReadMetadata(string path, SpanReader reader)
    {
        if (reader.Remaining < 4) throw Bad(path, $"metadata length: expected an int32 at byte {reader.Position}, found {reader.Remaining} bytes before the checksum");
        var metadataLength = reader.ReadInt32();
        if (metadataLength < 0 || metadataLength != reader.Remaining)
            throw Bad(path, $"metadata length: expected {reader.Remaining} (the bytes left before the checksum), found {metadataLength}");
        return Encoding.UTF8.GetString(reader.ReadBytes(metadataLength));
    }

    /// <summary>What widths[i] means: layer i+1's in_features and, past the first, layer i's out_features (1-based layers).</summary>
    private static string WidthField(int i, int layerCount) =>
        i == 0 ? "layer 1 in_features (the inputs)"
        : i == layerCount ? $"layer {i} out_features (the classes)"
        : $"layer {i} out_features (= layer {i + 1} in_features)";

    private static ModelFileException Bad(string path, string detail) => new($"{path}: not a readable model: {detail}");

    /// <summary>Sequential little-endian reads over the checksummed body.</summary>
    private sealed class SpanReader(byte[] bytes, int position, int end)
    {
        public int Position => position;
        public long Remaining => end - position;

        public int ReadInt32()
        {
            var value = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(position, 4));
            position += 4;
            return value;
        }

        public float[] ReadFloats(int count)
        {
            var values = new float[count];
            for (var i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(position + 4 * i, 4));
            position += 4 * count;
            return values;
        }

        public byte[] ReadBytes(int count)
        {
            var values = bytes.AsSpan(position, count).ToArray();
            position += count;
            return values;
        }
    }
}
