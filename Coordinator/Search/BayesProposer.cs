using System.Text.Json.Nodes;
using Sweep.Coordinator.Running;
using Sweep.Coordinator.SweepFiles;
using Sweep.Engine.Randomness;
using Sweep.Results;
using Sweep.Trials;

namespace Sweep.Coordinator.Search;

/// <summary>
/// Proposes the next trials of a `method: bayes` sweep from the trials it has so far, with <see cref="TpeSampler"/>.
/// Ranges are numeric dimensions (log-scaled where the file says so), `values` lists are categorical, constants stay
/// fixed. Every earlier trial is an observation of the sweep's metric (negated when maximised): a result counts with
/// its value; a trial still running with its latest epoch's value, or as the worst when it has none ("constant
/// liar", so parallel workers do not all get the same point); a diverged trial counts as the worst; a failed one is
/// left out. Proposal n is seeded by the sweep's seed and n, so the same history gives the same proposal.
/// </summary>
public sealed class BayesProposer : ITrialProposer
{
    /// <summary>Proposals that repeat an earlier trial are drawn again with the next seed, at most this often.</summary>
    private const int RedrawsPerProposal = 100;

    private readonly SweepDefinition _definition;
    private readonly string _datasetChecksum;
    private readonly Metric _metric;
    private readonly bool _maximize;
    private readonly ulong _seed;
    private readonly ParameterSpec[] _varying;
    private readonly TpeSampler _sampler;
    /// <summary>For each varying `values` spec, the parameters its values set in a config (see <see cref="ChoiceKeys"/>).</summary>
    private readonly string[][] _choiceKeys;
    /// <summary>For each varying `values` spec, each value's canonical JSON of those parameters, to find a trial's choice.</summary>
    private readonly string[][] _choiceTexts;

    public BayesProposer(SweepDefinition definition, string datasetChecksum, TpeOptions? options = null)
    {
        _definition = definition;
        _datasetChecksum = datasetChecksum;
        _metric = definition.Metric;
        _maximize = definition.Goal == Goal.Maximize;
        _seed = RandomSampling.SeedOf(definition.Name, definition.RandomSeed);
        _varying = definition.Parameters.Where(spec => spec.Varies).ToArray();
        _sampler = new TpeSampler(_varying.Select(Dimension).ToArray(), options);
        _choiceKeys = _varying.Select(spec => spec is ValuesSpec list ? ChoiceKeys(list) : []).ToArray();
        _choiceTexts = _varying.Select((spec, d) => spec is ValuesSpec list
            ? list.Values.Select(value => ChoiceText(spec.Parameter.Apply(new TrialConfig(), value).ToParameters(), _choiceKeys[d])).ToArray()
            : []).ToArray();
    }

    /// <summary>
    /// The parameters a values spec's choices set in a configuration: its own, and any other a choice changes — a layers
    /// spec of fc layers only is stored as hidden, so `layers: [fc:100]` and `[fc:500]` differ only in hidden.
    /// </summary>
    private static string[] ChoiceKeys(ValuesSpec list)
    {
        var defaults = new TrialConfig().ToParameters();
        return list.Values
            .SelectMany(value => list.Parameter.Apply(new TrialConfig(), value).ToParameters()
                .Where(pair => !JsonNode.DeepEquals(pair.Value, defaults[pair.Key])).Select(pair => pair.Key))
            .Append(list.Name).Distinct().Order(StringComparer.Ordinal).ToArray();
    }

    private static string ChoiceText(SortedDictionary<string, JsonNode?> parameters, string[] keys) =>
        string.Join('\n', keys.Select(key => parameters[key]?.ToJsonString()));

    private static SearchDimension Dimension(ParameterSpec spec) => spec switch
    {
        RangeSpec range => new NumericDimension(range.Min, range.Max, range.Log, range.Integer),
        ValuesSpec values => new CategoricalDimension(values.Values.Count),
        _ => throw new InvalidOperationException($"{spec.Name}: a {spec.GetType().Name} does not vary"),
    };

    public int Remaining(int proposedSoFar) => Math.Max(0, (_definition.RunCap ?? 0) - proposedSoFar);

    public IReadOnlyList<ProposedTrial> Next(IReadOnlyList<TrialRow> trials, int count) =>
        Propose(trials, count).Select(proposal => new ProposedTrial(PlannedTrial.Of(proposal.Config, _datasetChecksum), proposal.Number, proposal.ResultsSeen))
            .ToList();

    /// <summary>
    /// Up to <paramref name="count"/> new trials after <paramref name="trials"/> (the sweep's trials in proposal order),
    /// never more than run_cap in all; fewer when the space has no untried configuration left.
    /// </summary>
    public IReadOnlyList<Proposal> Propose(IReadOnlyList<TrialRow> trials, int count)
    {
        var observed = trials.Select(Observe).OfType<Observation>().ToList();
        var tried = trials.Select(row => row.Config.ToCanonicalJson()).ToHashSet(StringComparer.Ordinal);
        var resultsSeen = trials.Count(row => row.Status.IsResult());
        var proposals = new List<Proposal>();
        var number = trials.Count;
        while (proposals.Count < count && number < (_definition.RunCap ?? 0))
        {
            number++;
            var proposed = Draw(observed, tried, number);
            if (proposed is null) break; // every draw repeated a trial: the space is exhausted
            var (config, point) = proposed.Value;
            proposals.Add(new Proposal(config, number, resultsSeen));
            observed.Add(new Observation(point, double.PositiveInfinity)); // pending, with no value yet
        }
        return proposals;
    }

    private (TrialConfig config, double[] point)? Draw(List<Observation> observed, HashSet<string> tried, int number)
    {
        for (var redraw = 0; redraw < RedrawsPerProposal; redraw++)
        {
            var seed = DeterministicRandom.Mix(_seed + (ulong)number * DeterministicRandom.Golden + (ulong)redraw);
            var point = _sampler.Propose(observed, seed);
            var config = ConfigOf(point);
            if (tried.Add(config.ToCanonicalJson())) return (config, point);
        }
        return null;
    }

    private TrialConfig ConfigOf(double[] point)
    {
        var values = new ParameterValue[_definition.Parameters.Count];
        var d = 0;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _definition.Parameters[i] switch
            {
                ConstantSpec constant => constant.Value,
                ValuesSpec { Varies: false } single => single.Values[0],
                RangeSpec { Varies: false } fixedRange => ParameterValue.OfNumber(fixedRange.Min),
                RangeSpec => ParameterValue.OfNumber(point[d++]),
                ValuesSpec list => list.Values[(int)point[d++]],
                var other => throw new InvalidOperationException($"{other.Name}: cannot propose a {other.GetType().Name}"),
            };
        }
        return _definition.ConfigOf(values, _datasetChecksum);
    }

    /// <summary>The trial as TPE sees it, or null when it tells nothing (failed) or lies outside today's space.</summary>
    private Observation? Observe(TrialRow row)
    {
        if (row.Status == TrialStatus.Failed) return null;
        var point = PointOf(row.Config);
        if (point is null) return null;
        var value = row.Status.IsResult() ? _metric.ValueOf(row) : _metric.ValueOf(new LatestMetrics(row));
        var loss = row.Status == TrialStatus.Diverged || value is not { } known || !double.IsFinite(known)
            ? double.PositiveInfinity
            : _maximize ? -known : known;
        return new Observation(point, loss);
    }

    private double[]? PointOf(TrialConfig config)
    {
        var point = new double[_varying.Length];
        var parameters = config.ToParameters();
        for (var d = 0; d < _varying.Length; d++)
        {
            var spec = _varying[d];
            switch (spec)
            {
                case RangeSpec range:
                    var number = Convert.ToDouble(config[spec.Parameter.Definition], System.Globalization.CultureInfo.InvariantCulture);
                    if (number < range.Min || number > range.Max) return null;
                    point[d] = number;
                    break;
                case ValuesSpec:
                    var index = Array.IndexOf(_choiceTexts[d], ChoiceText(parameters, _choiceKeys[d]));
                    if (index < 0) return null;
                    point[d] = index;
                    break;
            }
        }
        return point;
    }
}
