using System.Text.Json.Nodes;
using Sweep.Engine.Randomness;

namespace Sweep.Coordinator.SweepFiles;

/// <summary>
/// `{min, max, scale}` of a random sweep: uniform in [min, max], or in log space when <see cref="Log"/> (min > 0).
/// Integer bounds draw integers. The constructor rejects a bad range naming the rule and the values.
/// </summary>
public sealed record RangeSpec : ParameterSpec
{
    public RangeSpec(SweepParameter parameter, string where, double min, double max, bool log, bool integer)
        : base(parameter, where)
    {
        if (!(min <= max)) throw new ArgumentException($"min must be <= max, got min {min} and max {max}");
        if (log && min <= 0) throw new ArgumentException($"scale: log needs min > 0, got min {min}");
        Min = min;
        Max = max;
        Log = log;
        Integer = integer;
    }

    public double Min { get; }
    public double Max { get; }
    public bool Log { get; }
    public bool Integer { get; }

    public override bool Varies => Min < Max;

    public ParameterValue Draw(DeterministicRandom random)
    {
        if (Integer)
        {
            if (Log)
            {
                // Uniform in log space over [min, max + 1), floored: every integer is reachable.
                var drawn = Math.Floor(Math.Exp(Uniform(random, Math.Log(Min), Math.Log(Max + 1))));
                return ParameterValue.OfNumber(Math.Clamp(drawn, Min, Max));
            }
            var span = Max - Min + 1;
            var offset = span <= int.MaxValue ? random.NextInt((int)span) : Math.Floor(random.NextDouble() * span);
            return ParameterValue.OfNumber(Min + offset);
        }
        return ParameterValue.OfNumber(Log ? Math.Exp(Uniform(random, Math.Log(Min), Math.Log(Max))) : Uniform(random, Min, Max));
    }

    public override JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["min"] = ParameterValue.OfNumber(Min).ToJson(),
            ["max"] = ParameterValue.OfNumber(Max).ToJson(),
        };
        if (Log) json["scale"] = "log";
        return json;
    }

    private static double Uniform(DeterministicRandom random, double low, double high) => low + (high - low) * random.NextDouble();
}
