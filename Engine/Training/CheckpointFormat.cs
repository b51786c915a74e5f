using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Sweep.Engine.Randomness;

namespace Sweep.Engine.Training;

/// <summary>
/// The bytes of a <see cref="TrainingCheckpoint"/>. Layout (little-endian): magic "SWEEPCK\0", int32 version, then the
/// payload: identity (int32 length + UTF-8), int32 epoch, int32 step, shuffle state (4 × uint64, byte has-spare,
/// float64 spare), order (int32 count + int32s), layers (int32 count, per layer int32 fan-in and int32 fan-out, then per
/// layer float32 weights then biases), the optimiser's state (int64 steps taken, int32 buffer count, per buffer per layer float32 weights then
/// biases), epochs (int32 count, per epoch
/// int32 number + float64 train loss, val loss, val acc, seconds); last, SHA-256 of every byte before it.
/// Reading checks the checksum first and then every length against the bytes left, so a corrupt or foreign checkpoint
/// is refused whole with a <see cref="CheckpointException"/>, never half-read. Arrays go through MemoryMarshal as raw
/// bytes (host order): .NET runs only on little-endian machines, and a 3 MB model is then a copy, not a loop.
/// Version 2 replaced version 1's momentum flag with the optimiser's state; a version 1 checkpoint is refused like any
/// foreign one, and the trial starts over. Version 3 gives each parameter layer's shape (fan-in, fan-out) instead of
/// version 2's chain of widths, which cannot describe a convolution's [k·k·inC, outC]; version 2 is still read.
/// </summary>
public static class CheckpointFormat
{
    public const int CurrentVersion = 3;
    private const int WidthsVersion = 2;
    private static readonly byte[] Magic = "SWEEPCK\0"u8.ToArray();
    private const int HashBytes = 32;
    private const int MaxLayers = 1000;
    private const int MaxOptimizerBuffers = 8;

    public static byte[] Write(TrainingCheckpoint checkpoint)
    {
        using var body = new MemoryStream();
        using (var writer = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(CurrentVersion);
            var identity = Encoding.UTF8.GetBytes(checkpoint.Identity);
            writer.Write(identity.Length);
            writer.Write(identity);
            writer.Write(checkpoint.Epoch);
            writer.Write(checkpoint.Step);
            var shuffle = checkpoint.Shuffle;
            foreach (var word in new[] { shuffle.S0, shuffle.S1, shuffle.S2, shuffle.S3 }) writer.Write(word);
            writer.Write(shuffle.SpareGaussian.HasValue);
            writer.Write(shuffle.SpareGaussian ?? 0.0);
            writer.Write(checkpoint.Order.Length);
            writer.Write(MemoryMarshal.AsBytes(checkpoint.Order.AsSpan()));
            writer.Write(checkpoint.Shapes.Length);
            foreach (var (fanIn, fanOut) in checkpoint.Shapes)
            {
                writer.Write(fanIn);
                writer.Write(fanOut);
            }
            WriteLayers(writer, checkpoint.Weights, checkpoint.Biases);
            writer.Write(checkpoint.Optimizer.StepsTaken);
            writer.Write(checkpoint.Optimizer.Buffers.Count);
            foreach (var buffer in checkpoint.Optimizer.Buffers) WriteLayers(writer, buffer.Weights, buffer.Biases);
            writer.Write(checkpoint.Epochs.Count);
            foreach (var epoch in checkpoint.Epochs)
            {
                writer.Write(epoch.Epoch);
                writer.Write(epoch.TrainLoss);
                writer.Write(epoch.ValLoss);
                writer.Write(epoch.ValAcc);
                writer.Write(epoch.Seconds);
            }
            writer.Write(SHA256.HashData(body.GetBuffer().AsSpan(0, (int)body.Length)));
        }
        return body.ToArray();
    }

    public static TrainingCheckpoint Read(ReadOnlySpan<byte> bytes)
    {
        var minimum = Magic.Length + 4 + HashBytes;
        if (bytes.Length < minimum) throw Bad($"expected at least {minimum} bytes, found {bytes.Length}");
        if (!bytes[..Magic.Length].SequenceEqual(Magic)) throw Bad("expected a sweep checkpoint (magic \"SWEEPCK\"), found other data");
        var version = BinaryPrimitives.ReadInt32LittleEndian(bytes[Magic.Length..]);
        if (version != CurrentVersion && version != WidthsVersion)
            throw Bad($"expected format version {WidthsVersion} or {CurrentVersion}, found {version}");
        var content = bytes[..^HashBytes];
        if (!SHA256.HashData(content).AsSpan().SequenceEqual(bytes[^HashBytes..]))
            throw Bad("checksum mismatch: the checkpoint is truncated or corrupted");

        // The checksum proves the bytes are as written, not that a writer was sane: every count is checked against
        // the bytes that remain before anything of that size is allocated.
        var reader = new Reader(content.ToArray(), Magic.Length + 4);
        var identity = Encoding.UTF8.GetString(reader.Bytes(reader.Items(1, "identity length")));
        var epoch = reader.Int32();
        var step = reader.Int32();
        var shuffle = new RandomState(reader.UInt64(), reader.UInt64(), reader.UInt64(), reader.UInt64(), null);
        var hasSpare = reader.Bool("shuffle spare flag");
        var spare = reader.Float64();
        shuffle = shuffle with { SpareGaussian = hasSpare ? spare : null };
        var order = MemoryMarshal.Cast<byte, int>(reader.Bytes(4 * reader.Items(4, "order length"))).ToArray();
        var layerCount = reader.Int32();
        if (layerCount < 1 || layerCount > MaxLayers) throw Bad($"layer count: expected 1..{MaxLayers}, found {layerCount}");
        var shapes = version == WidthsVersion ? ReadWidths(reader, layerCount) : ReadShapes(reader, layerCount);
        var (weights, biases) = ReadLayers(reader, shapes, "parameters");
        var stepsTaken = reader.Int64();
        if (stepsTaken < 0) throw Bad($"optimizer steps taken: expected >= 0, found {stepsTaken}");
        var bufferCount = reader.Int32();
        if (bufferCount < 0 || bufferCount > MaxOptimizerBuffers) throw Bad($"optimizer buffer count: expected 0..{MaxOptimizerBuffers}, found {bufferCount}");
        var buffers = new ParameterBuffers[bufferCount];
        for (var b = 0; b < bufferCount; b++)
        {
            var (bufferWeights, bufferBiases) = ReadLayers(reader, shapes, $"optimizer buffer {b + 1}");
            buffers[b] = new ParameterBuffers(bufferWeights, bufferBiases);
        }
        var epochCount = reader.Items(4 + 4 * 8, "epoch count");
        var epochs = new EpochMetrics[epochCount];
        for (var i = 0; i < epochCount; i++)
            epochs[i] = new EpochMetrics(reader.Int32(), reader.Float64(), reader.Float64(), reader.Float64(), reader.Float64());
        if (reader.Remaining != 0) throw Bad($"{reader.Remaining} bytes left over after the last epoch");
        if (epoch < 1 || epoch != epochCount) throw Bad($"epoch {epoch} with {epochCount} epochs of metrics");
        return new TrainingCheckpoint(identity, epoch, step, shuffle, order, shapes, weights, biases, new OptimizerState(stepsTaken, buffers), epochs);
    }

    private static void WriteLayers(BinaryWriter writer, float[][] weights, float[][] biases)
    {
        for (var l = 0; l < weights.Length; l++)
        {
            writer.Write(MemoryMarshal.AsBytes(weights[l].AsSpan()));
            writer.Write(MemoryMarshal.AsBytes(biases[l].AsSpan()));
        }
    }

    /// <summary>Version 2's chain: widths[count + 1], layer l being widths[l] × widths[l + 1].</summary>
    private static (int FanIn, int FanOut)[] ReadWidths(Reader reader, int layerCount)
    {
        var widths = new int[layerCount + 1];
        for (var i = 0; i < widths.Length; i++)
        {
            widths[i] = reader.Int32();
            if (widths[i] < 1) throw Bad($"width {i}: expected >= 1, found {widths[i]}");
        }
        return Enumerable.Range(0, layerCount).Select(l => (widths[l], widths[l + 1])).ToArray();
    }

    private static (int FanIn, int FanOut)[] ReadShapes(Reader reader, int layerCount)
    {
        var shapes = new (int FanIn, int FanOut)[layerCount];
        for (var l = 0; l < layerCount; l++)
        {
            shapes[l] = (reader.Int32(), reader.Int32());
            if (shapes[l].FanIn < 1 || shapes[l].FanOut < 1) throw Bad($"layer {l + 1} shape: expected sides >= 1, found {shapes[l].FanIn}×{shapes[l].FanOut}");
        }
        return shapes;
    }

    private static (float[][] Weights, float[][] Biases) ReadLayers(Reader reader, (int FanIn, int FanOut)[] shapes, string what)
    {
        var weights = new float[shapes.Length][];
        var biases = new float[shapes.Length][];
        for (var l = 0; l < weights.Length; l++)
        {
            var (fanIn, fanOut) = shapes[l];
            var count = (long)fanIn * fanOut;
            if (4 * (count + fanOut) > reader.Remaining)
                throw Bad($"layer {l + 1} {what}: {fanIn}×{fanOut} need {4 * (count + fanOut)} bytes, only {reader.Remaining} remain");
            weights[l] = MemoryMarshal.Cast<byte, float>(reader.Bytes((int)count * 4)).ToArray();
            biases[l] = MemoryMarshal.Cast<byte, float>(reader.Bytes(fanOut * 4)).ToArray();
        }
        return (weights, biases);
    }

    private static CheckpointException Bad(string detail) => new($"not a usable checkpoint: {detail}");

    /// <summary>Sequential little-endian reads over the checksummed content; running past its end is a format error.</summary>
    private sealed class Reader(byte[] bytes, int position)
    {
        public long Remaining => bytes.Length - position;

        public ReadOnlySpan<byte> Bytes(int count)
        {
            if (count < 0 || count > Remaining) throw Bad($"expected {count} bytes at byte {position}, only {Remaining} remain");
            var span = bytes.AsSpan(position, count);
            position += count;
            return span;
        }

        /// <summary>An int32 count of items of <paramref name="itemBytes"/> each, which must fit in the bytes left.</summary>
        public int Items(int itemBytes, string what)
        {
            var count = Int32();
            if (count < 0 || (long)count * itemBytes > Remaining)
                throw Bad($"{what}: {count} items of {itemBytes} bytes do not fit in the {Remaining} bytes left");
            return count;
        }

        public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Bytes(4));
        public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Bytes(8));
        public ulong UInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Bytes(8));
        public double Float64() => BinaryPrimitives.ReadDoubleLittleEndian(Bytes(8));

        public bool Bool(string what) => Bytes(1)[0] switch
        {
            0 => false,
            1 => true,
            var other => throw Bad($"{what}: expected 0 or 1, found {other}"),
        };
    }
}
