namespace Sweep.Coordinator.SweepFiles;

/// <summary>Every combination of the specs' values, like nested loops: the first spec varies slowest.</summary>
public static class GridExpansion
{
    /// <summary>The number of combinations, saturating at long.MaxValue instead of overflowing.</summary>
    public static long Count(IReadOnlyList<ParameterSpec> specs)
    {
        long count = 1;
        foreach (var size in specs.Select(Size))
            count = size != 0 && count > long.MaxValue / size ? long.MaxValue : count * size;
        return count;
    }

    public static IEnumerable<IReadOnlyList<ParameterValue>> Combinations(IReadOnlyList<ParameterSpec> specs)
    {
        var axes = specs.Select(ValuesOf).ToArray();
        var index = new int[axes.Length];
        while (true)
        {
            yield return axes.Select((axis, i) => axis[index[i]]).ToArray();
            // Odometer: advance the last axis; on wrap-around carry into the one before.
            var position = axes.Length - 1;
            while (position >= 0 && ++index[position] == axes[position].Count) index[position--] = 0;
            if (position < 0) yield break;
        }
    }

    private static long Size(ParameterSpec spec) => ValuesOf(spec).Count;

    private static IReadOnlyList<ParameterValue> ValuesOf(ParameterSpec spec) => spec switch
    {
        ConstantSpec constant => [constant.Value],
        ValuesSpec values => values.Values,
        _ => throw new InvalidOperationException($"{spec.Name}: a grid cannot expand a {spec.GetType().Name}"),
    };
}
