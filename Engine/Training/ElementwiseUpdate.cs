using System.Numerics;

namespace Sweep.Engine.Training;

/// <summary>
/// An optimiser's rule for one element: its new value from its current one, updating the rule's own state (gradient,
/// velocity, moments) at the same index. The vector form must do the scalar form's operations in the same order (no fused
/// multiply-add, correctly rounded square roots and divisions), so an element's result does not depend on which computes it.
/// </summary>
internal interface IElementRule
{
    /// <summary>Values [i, i + Vector&lt;float&gt;.Count) after the update, from <paramref name="theta"/>, their values before.</summary>
    Vector<float> Next(Vector<float> theta, int i);

    float Next(float theta, int i);
}

/// <summary>
/// The pass every optimiser makes over a block of parameters: the rule on whole vectors, then on the scalar tail; and
/// ‖θ‖² of the block before the update, summed in float vectors and finished in double (the caller sums blocks in
/// double). One pass: adding λ·W, summing ‖W‖² for the loss and updating W in separate passes over a 1.5 MB matrix cost
/// a sixth of an epoch, and a scalar loop summing in double waited on each add (~1 ns per weight).
/// </summary>
internal static class ElementwiseUpdate
{
    public static double Run<TRule>(Span<float> parameters, TRule rule)
        where TRule : IElementRule, allows ref struct
    {
        var squares = Vector<float>.Zero;
        var i = 0;
        for (; i <= parameters.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var theta = new Vector<float>(parameters[i..]);
            squares += theta * theta;
            rule.Next(theta, i).CopyTo(parameters[i..]);
        }
        var sum = (double)Vector.Sum(squares);
        for (; i < parameters.Length; i++)
        {
            var theta = parameters[i];
            sum += theta * theta;
            parameters[i] = rule.Next(theta, i);
        }
        return sum;
    }
}
