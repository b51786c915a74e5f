using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Sweep.Engine.Model;

/// <summary>
/// Saves and loads network weights. Layout (little-endian): magic "SWEEPNN\0", int32 version, int32 layer count,
/// int32 widths[count + 1], per layer float32 weights [in, out] then biases [out], int32 metadata length + UTF-8
/// metadata (free text, e.g. the training options as JSON), then SHA-256 of every byte before it.
/// The checksum catches truncation and bit rot; the version lets the layout change without misreading old files.
/// </summary>
public static class ModelFile
{
    public const int CurrentVersion = 1;
    private static readonly byte[] Magic = "SWEEPNN\0"u8.ToArray();
    private const int HashBytes = 32;

    public static void Save(string path, Network network, string metadata = "")
    {
        using var body = new MemoryStream();
        using (var writer = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(CurrentVersion);
            writer.Write(network.Layers.Count);
            foreach (var width in network.Widths) writer.Write(width);
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
        var hash = SHA256.HashData(bytes);
        // Write beside the target and rename, so a crash never leaves a half-written model under the real name.
        var fullPath = Path.GetFullPath(path);
        var temporary = fullPath + ".tmp";
        using (var file = File.Create(temporary))
        {
            file.Write(bytes);
            file.Write(hash);
        }
        File.Move(temporary, fullPath, overwrite: true);
    }

    public static (Network Network, string Metadata) Load(string path)
    {
        if (!File.Exists(path)) throw new ModelFileException($"{path}: model file not found (save one with `sweep train ... --save {path}`)");
        var bytes = File.ReadAllBytes(path);
        var minimum = Magic.Length + 8 + HashBytes;
        if (bytes.Length < minimum) throw Bad(path, $"expected at least {minimum} bytes, found {bytes.Length}");
        if (!bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic)) throw Bad(path, "expected a sweep model (magic \"SWEEPNN\"), found other data");
        var version = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(Magic.Length));
        if (version != CurrentVersion) throw Bad(path, $"expected format version {CurrentVersion}, found {version}");
        var content = bytes.AsSpan(0, bytes.Length - HashBytes);
        var storedHash = bytes.AsSpan(bytes.Length - HashBytes);
        if (!SHA256.HashData(content).AsSpan().SequenceEqual(storedHash))
            throw Bad(path, "checksum mismatch: the file is truncated or corrupted");

        var reader = new SpanReader(bytes, Magic.Length + 4);
        var layerCount = reader.ReadInt32();
        if (layerCount < 1 || layerCount > 1000) throw Bad(path, $"expected 1..1000 layers, found {layerCount}");
        var widths = new int[layerCount + 1];
        for (var i = 0; i < widths.Length; i++) widths[i] = reader.ReadInt32();
        var layers = new List<DenseLayer>();
        for (var l = 0; l < layerCount; l++)
        {
            var weights = reader.ReadFloats(widths[l] * widths[l + 1]);
            var biases = reader.ReadFloats(widths[l + 1]);
            layers.Add(new DenseLayer(widths[l], widths[l + 1], weights, biases));
        }
        var metadata = Encoding.UTF8.GetString(reader.ReadBytes(reader.ReadInt32()));
        return (new Network(layers), metadata);
    }

    private static ModelFileException Bad(string path, string detail) => new($"{path}: not a readable model: {detail}");

    /// <summary>Sequential little-endian reads over the checksummed body.</summary>
    private sealed class SpanReader(byte[] bytes, int position)
    {
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
