using Sweep.Engine.Randomness;

namespace Sweep.Coordinator.Search;

/// <summary>
/// A number in [<see cref="Low"/>, <see cref="High"/>], modelled in log space when <see cref="Log"/> (Low > 0);
/// <see cref="Integer"/> dimensions are modelled as continuous over [Low − ½, High + ½] and rounded, as Optuna does.
/// </summary>
public sealed record NumericDimension : SearchDimension
{
    public NumericDimension(double low, double high, bool log = false, bool integer = false)
    {
        if (!(low <= high)) throw new ArgumentException($"low must be <= high, got {low} and {high}");
        if (log && low <= 0) throw new ArgumentException($"a log dimension needs low > 0, got {low}");
        Low = low;
        High = high;
        Log = log;
        Integer = integer;
    }

    public double Low { get; }
    public double High { get; }
    public bool Log { get; }
    public bool Integer { get; }

    /// <summary>The modelled interval: log-transformed when <see cref="Log"/>, widened by ½ each side when <see cref="Integer"/>.</summary>
    public double ModelLow => ToModel(!Integer ? Low : Log ? Math.Max(Low - 0.5, Low / 2) : Low - 0.5);
    public double ModelHigh => ToModel(Integer ? High + 0.5 : High);

    public double ToModel(double value) => Log ? Math.Log(value) : value;

    /// <summary>Back from the model's space, rounded for integers and kept inside [Low, High].</summary>
    public double FromModel(double modelled)
    {
        var value = Log ? Math.Exp(modelled) : modelled;
        if (Integer) value = Math.Round(value, MidpointRounding.AwayFromZero);
        return Math.Clamp(value, Low, High);
    }

    public override double DrawUniform(DeterministicRandom random) =>
        FromModel(ModelLow + (ModelHigh - ModelLow) * random.NextDouble());
}
