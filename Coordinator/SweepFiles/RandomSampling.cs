using System.Security.Cryptography;
using System.Text;
using Sweep.Engine.Randomness;

namespace Sweep.Coordinator.SweepFiles;

/// <summary>
/// Independent draws of every spec, in file order, from a stream seeded by the sweep name and `random_seed`:
/// the same file gives the same trials on every machine.
/// </summary>
public static class RandomSampling
{
    public static ulong SeedOf(string sweepName, ulong? randomSeed)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{sweepName}\n{randomSeed?.ToString() ?? ""}"));
        return BitConverter.ToUInt64(digest, 0);
    }

    /// <summary>An endless sequence of draws; the caller takes as many distinct ones as it needs.</summary>
    public static IEnumerable<IReadOnlyList<ParameterValue>> Draws(IReadOnlyList<ParameterSpec> specs, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        while (true)
        {
            yield return specs.Select(spec => spec switch
            {
                ConstantSpec constant => constant.Value,
                ValuesSpec values => values.Values[random.NextInt(values.Values.Count)],
                RangeSpec range => range.Draw(random),
                _ => throw new InvalidOperationException($"{spec.Name}: cannot draw a {spec.GetType().Name}"),
            }).ToArray();
        }
    }
}
