using Sweep.Engine.Model;

namespace Sweep.Engine.Tests.Model;

public class SoftmaxCrossEntropyTests
{
    [Fact]
    public void Loss_IsLnClasses_WhenLogitsAreEqual()
    {
        var (loss, _) = SoftmaxCrossEntropy.LossAndCorrect(new float[10], [3], 1, 10);
        Assert.Equal(Math.Log(10), loss, 12);
    }

    [Fact]
    public void Loss_StaysFinite_ForHugeLogits()
    {
        float[] logits = [1e30f, -1e30f, 0f];
        var gradient = new float[3];
        var loss = SoftmaxCrossEntropy.LossAndGradient(logits, [1], 1, 3, gradient, 1f);
        Assert.Equal(2e30, loss, 1e24);
        Assert.Equal([1f, -1f, 0f], gradient);
    }

    [Fact]
    public void Loss_IsNaN_WhenALogitIsNaN()
    {
        var (loss, correct) = SoftmaxCrossEntropy.LossAndCorrect([0f, float.NaN], [0], 1, 2);
        Assert.True(double.IsNaN(loss));
        Assert.Equal(0, correct);
    }
}
