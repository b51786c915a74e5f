using Sweep.Engine.Model;
using Sweep.Engine.Training;

namespace Sweep.Scheduler.SweepFiles;

/// <summary>Every Engine option a sweep may set; a parameter not given keeps TrialConfig's default.</summary>
public static class SweepParameters
{
    public static readonly IReadOnlyList<SweepParameter> All =
    [
        new("lr", ParameterKind.Real, "must be > 0", x => x > 0, (c, v) => c with { LearningRate = v.Number }),
        new("lambda", ParameterKind.Real, "must be >= 0", x => x >= 0, (c, v) => c with { Lambda = v.Number }),
        new("hidden", ParameterKind.Widths, "every width must be >= 1", x => x >= 1,
            (c, v) => c with { Hidden = v.Widths! }, maximum: int.MaxValue),
        new("epochs", ParameterKind.Integer, "must be >= 1", x => x >= 1, (c, v) => c with { Epochs = (int)v.Number }, maximum: int.MaxValue),
        new("batch", ParameterKind.Integer, "must be >= 1", x => x >= 1, (c, v) => c with { Batch = (int)v.Number }, maximum: int.MaxValue),
        // Values are held as doubles, exact up to 2^53: a larger seed would silently become another seed.
        new("seed", ParameterKind.Integer, "must be >= 0", x => x >= 0, (c, v) => c with { Seed = (ulong)v.Number }, maximum: MaxExactSeed),
        new("momentum", ParameterKind.Real, "must be in [0, 1)", x => x >= 0 && x < 1, (c, v) => c with { Momentum = v.Number }),
        new("init", ParameterKind.Choice, "", _ => true, (c, v) => c with { Init = Enum.Parse<WeightInit>(v.Choice!, ignoreCase: true) },
            NamesOf<WeightInit>()),
        new("lr_schedule", ParameterKind.Choice, "", _ => true,
            (c, v) => c with { Schedule = Enum.Parse<LearningRateSchedule>(v.Choice!, ignoreCase: true) }, NamesOf<LearningRateSchedule>()),
        new("val_size", ParameterKind.Integer, "must be >= 0", x => x >= 0,
            (c, v) => c with { ValidationSize = (int)v.Number }, maximum: int.MaxValue),
    ];

    /// <summary>2^53 - 1, the largest whole number a double holds exactly.</summary>
    public const long MaxExactSeed = (1L << 53) - 1;

    public static IEnumerable<string> Names => All.Select(parameter => parameter.Name);

    public static SweepParameter? Find(string name) => All.FirstOrDefault(parameter => parameter.Name == name);

    private static string[] NamesOf<TEnum>() where TEnum : struct, Enum =>
        Enum.GetNames<TEnum>().Select(name => name.ToLowerInvariant()).ToArray();
}
