using Sweep.Engine.Data;

namespace Sweep.Engine.Tests.Data;

public class UnitPixelsTests
{
    [Fact]
    public void Convert_GivesExactlyTheLoadersFloats_ForEveryByteValue()
    {
        var bytes = Enumerable.Range(0, 256 * 3 + 7).Select(i => (byte)(i * 37)).ToArray();
        var floats = new float[bytes.Length];

        UnitPixels.Convert(bytes, floats);

        for (var i = 0; i < bytes.Length; i++) Assert.Equal(BitConverter.SingleToInt32Bits(bytes[i] / 255f), BitConverter.SingleToInt32Bits(floats[i]));
    }

    [Fact]
    public void RealMnist_PixelBytes_ConvertToItsImagesBitForBit()
    {
        var train = DatasetCatalog.Load(TestData.MnistFolder).Train;
        var converted = new float[train.Images.Length];

        UnitPixels.Convert(train.PixelBytes!, converted);

        Assert.True(converted.AsSpan().SequenceEqual(train.Images), "8-bit gather must give the same floats as the loader");
    }
}
