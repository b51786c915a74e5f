using System.Text.Json.Nodes;

namespace Sweep.Trials;

/// <summary>
/// A validated `early_terminate: {type, min_iter, eta}`. Hyperband and ASHA share one rule here, asynchronous successive
/// halving over rungs at min_iter, min_iter·eta, min_iter·eta², … epochs, as W&amp;B's hyperband does (it runs one bracket
/// asynchronously); median compares at every epoch from min_iter on.
/// </summary>
public sealed record EarlyTermination(EarlyTerminationType Type, int MinIter, double Eta)
{
    public const int DefaultMinIter = 1;
    public const double DefaultEta = 3;

    /// <summary>The epochs after which a trial of <paramref name="epochs"/> epochs is judged; never its last epoch.</summary>
    public IReadOnlyList<int> Rungs(int epochs)
    {
        var rungs = new List<int>();
        if (Type == EarlyTerminationType.Median)
        {
            for (var epoch = MinIter; epoch < epochs; epoch++) rungs.Add(epoch);
            return rungs;
        }
        for (double rung = MinIter; rung < epochs; rung *= Eta)
        {
            var epoch = (int)Math.Round(rung, MidpointRounding.AwayFromZero);
            if (rungs.Count == 0 || epoch > rungs[^1]) rungs.Add(epoch);
        }
        return rungs;
    }

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["type"] = Type.ToString().ToLowerInvariant(), ["min_iter"] = MinIter };
        if (Type != EarlyTerminationType.Median) json["eta"] = Eta;
        return json;
    }
}
