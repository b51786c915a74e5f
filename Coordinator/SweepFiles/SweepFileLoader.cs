using System.Text.RegularExpressions;
using Sweep.Engine.Data;
using Sweep.Engine.Training;
using Sweep.Trials;

namespace Sweep.Coordinator.SweepFiles;

/// <summary>
/// The edge of the sweep front end: reads a sweep file and its command-line overrides, checks every rule and throws
/// one <see cref="SweepFileException"/> listing every problem (`FILE:LINE:COLUMN: KEY: message`), or returns an
/// immutable <see cref="SweepDefinition"/>. Non-goals: loading the dataset (expansion takes its checksum).
/// </summary>
public static partial class SweepFileLoader
{
    public const int DefaultMaxTrials = 10_000;

    private static readonly string[] TopLevelKeys =
        ["name", "description", "dataset", "method", "metric", "run_cap", "random_seed", "early_terminate", "keep_models", "parameters"];

    private static readonly string[] MetricKeys = ["name", "goal"];
    private static readonly string[] DatasetNames = ["mnist"];

    /// <param name="trialsAtOnce">Trials trained side by side (--workers), which share the machine's memory; default: the cores.</param>
    public static SweepDefinition Load(string path, IReadOnlyList<string>? overrides = null, int maxTrials = DefaultMaxTrials, int? trialsAtOnce = null)
    {
        return Parse(SweepFileText.Read(path), path, overrides, maxTrials, trialsAtOnce);
    }

    /// <param name="file">Where the text came from, as it should appear in error messages; relative dataset folders
    /// are looked up from the current directory, then from this file's folder.</param>
    public static SweepDefinition Parse(string text, string file, IReadOnlyList<string>? overrides = null, int maxTrials = DefaultMaxTrials,
        int? trialsAtOnce = null)
    {
        var errors = new SweepErrors();
        var root = SourceTreeReader.Read(text, file, errors);
        if (root is not SourceMapping top)
        {
            if (root is not null)
                errors.Add(root, "(file)", $"expected a mapping of keys ({string.Join(", ", TopLevelKeys)}), got {root.Describe()}");
            foreach (var written in overrides ?? []) OverrideParser.Parse(written, errors);
            errors.ThrowIfAny();
            throw new InvalidOperationException("unreachable: an unreadable file always has an error");
        }

        var entries = Distinct(top, "", TopLevelKeys, "unknown top-level key", errors);
        var name = ReadName(top, entries, errors);
        var description = entries.TryGetValue("description", out var describe) ? ReadText(describe, "description", errors) : null;
        var dataset = entries.TryGetValue("dataset", out var datasetEntry) ? ReadDataset(datasetEntry, file, errors) : "mnist";
        var method = entries.TryGetValue("method", out var methodEntry) ? ReadMethod(methodEntry, errors) : SweepMethod.Grid;
        var (metric, goal) = entries.TryGetValue("metric", out var metricEntry) ? ReadMetric(metricEntry, errors) : (Metric.ValAcc, Metric.ValAcc.DefaultGoal);
        var runCap = entries.TryGetValue("run_cap", out var runCapEntry) ? ReadCount(runCapEntry, "run_cap", 1, errors) : null;
        var randomSeed = entries.TryGetValue("random_seed", out var seedEntry) ? ReadCount(seedEntry, "random_seed", 0, errors) : null;
        var earlyTerminate = entries.TryGetValue("early_terminate", out var earlyEntry) ? EarlyTerminationReader.Read(earlyEntry, errors) : null;
        var keepModels = entries.TryGetValue("keep_models", out var keepEntry) ? ReadCount(keepEntry, "keep_models", 0, errors) : 0;

        var parameters = new List<ParameterSpec>();
        if (!entries.TryGetValue("parameters", out var parametersEntry))
            errors.Add(top.Where, "parameters", "missing; a sweep needs parameters: with at least one parameter spec");
        else
            parameters = ReadParameters(parametersEntry, method ?? SweepMethod.Grid, errors);

        // Overrides replace the file's spec in place, or come after the file's parameters.
        var overrideSpecs = (overrides ?? []).Select(written => OverrideParser.Parse(written, errors)).ToArray();
        foreach (var spec in overrideSpecs.OfType<ParameterSpec>())
        {
            var position = parameters.FindIndex(existing => existing.Name == spec.Name);
            if (position >= 0) parameters[position] = spec;
            else parameters.Add(spec);
        }

        if (method is SweepMethod.Random or SweepMethod.Bayes && runCapEntry is null)
            errors.Add(methodEntry!.Value, "run_cap", method == SweepMethod.Random
                ? "method: random needs run_cap, the number of trials to draw"
                : "method: bayes needs run_cap, the number of trials to propose");
        if (method == SweepMethod.Grid && parameters.OfType<RangeSpec>().Any())
            errors.Add(methodEntry?.Value.Where ?? top.Where, "method", "min/max ranges need method: random or bayes");
        else if (method is { } known && parametersEntry is not null)
            CheckTrialCount(known, parameters, runCap, runCapEntry, parametersEntry, maxTrials, errors);

        // Rules that need the dataset and the whole sweep run only on values that passed their own checks.
        if (dataset is not null && TrainingSet(dataset, datasetEntry, top, errors) is { } trainingSet)
            TrialLimits.Check(parameters, trainingSet, dataset, datasetEntry?.Value.Where ?? top.Where,
                TrainingMemory.BudgetPerTrial(trialsAtOnce ?? Environment.ProcessorCount), errors);

        if (earlyTerminate is not null) CheckRungs(earlyTerminate, parameters, earlyEntry!.Value, errors);
        if (earlyTerminate is not null && metric is not null && !metric.IsPerEpoch)
            errors.Add(earlyEntry!.Value, "early_terminate",
                $"needs a metric every epoch records ({string.Join(", ", Metric.PerEpoch.Select(perEpoch => perEpoch.Name))}); {metric.Name} is measured only after the last epoch");

        errors.ThrowIfAny();
        return new SweepDefinition(name!, file, description, dataset!, method!.Value, metric!, goal!.Value,
            runCap is null ? null : (int)runCap.Value, randomSeed, parameters) { EarlyTermination = earlyTerminate, KeepModels = (int)(keepModels ?? 0) };
    }

    private static void CheckTrialCount(
        SweepMethod method, List<ParameterSpec> parameters, ulong? runCap, SourceMappingEntry? runCapEntry,
        SourceMappingEntry parametersEntry, int maxTrials, SweepErrors errors)
    {
        if (method == SweepMethod.Grid)
        {
            var count = GridExpansion.Count(parameters);
            if (runCap is { } cap && (ulong)count > cap)
                errors.Add(runCapEntry!.Value, "run_cap", $"the grid has {count} trials, more than run_cap {cap}");
            if (count > maxTrials)
                errors.Add(parametersEntry.Key, "parameters", $"the grid has {count} trials, more than --max-trials {maxTrials}");
        }
        else if (runCap is { } cap && cap > (ulong)maxTrials)
        {
            errors.Add(runCapEntry!.Value, "run_cap", $"run_cap {cap} is more than --max-trials {maxTrials}");
        }
    }

    /// <summary>min_iter must leave a rung before the last epoch of the longest trial, or nothing could ever be stopped.</summary>
    private static void CheckRungs(EarlyTermination rule, List<ParameterSpec> parameters, SourceNode at, SweepErrors errors)
    {
        var epochs = parameters.FirstOrDefault(spec => spec.Name == HyperParameters.Epochs.Name) switch
        {
            ConstantSpec constant => constant.Value.Number,
            ValuesSpec values => values.Values.Max(value => value.Number),
            RangeSpec range => range.Max,
            _ => HyperParameters.Epochs.Default,
        };
        if (rule.MinIter >= epochs)
            errors.Add(at, "early_terminate.min_iter",
                $"min_iter {rule.MinIter} is not below epochs {epochs}: no trial would reach a rung before its last epoch");
    }

    /// <summary>Keys of a mapping in written order; unknown and repeated keys become errors.</summary>
    private static Dictionary<string, SourceMappingEntry> Distinct(
        SourceMapping mapping, string prefix, IReadOnlyList<string> known, string unknownMessage, SweepErrors errors)
    {
        var entries = new Dictionary<string, SourceMappingEntry>(StringComparer.Ordinal);
        foreach (var entry in mapping.Entries)
        {
            var key = entry.Key.Text;
            if (!known.Contains(key))
                errors.Add(entry.Key, prefix + key, $"{unknownMessage}; {Suggestions.DidYouMean(key, known)}");
            else if (entries.TryGetValue(key, out var first))
                errors.Add(entry.Key, prefix + key, $"duplicate key (first given at {first.Key.Where})");
            else
                entries[key] = entry;
        }
        return entries;
    }

    private static string? ReadName(SourceMapping top, Dictionary<string, SourceMappingEntry> entries, SweepErrors errors)
    {
        if (!entries.TryGetValue("name", out var entry))
        {
            errors.Add(top.Where, "name", "missing; a sweep needs a name (letters, digits, '_', '.', '-')");
            return null;
        }
        var name = ReadText(entry, "name", errors);
        if (name is null || SimpleName().IsMatch(name)) return name;
        // The name goes into SQL parameters and file names: keep it to a plain identifier.
        errors.Add(entry.Value, "name", $"'{name}' is not a simple name; use only letters, digits, '_', '.' and '-'");
        return null;
    }

    private static string? ReadText(SourceMappingEntry entry, string key, SweepErrors errors)
    {
        if (entry.Value is SourceScalar { IsNull: false } scalar) return scalar.Text;
        errors.Add(Located(entry), key, $"expected text, got {entry.Value.Describe()}");
        return null;
    }

    private static string? ReadDataset(SourceMappingEntry entry, string file, SweepErrors errors)
    {
        var dataset = ReadText(entry, "dataset", errors);
        if (dataset is null || DatasetNames.Contains(dataset)) return dataset;
        var fileFolder = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
        foreach (var candidate in new[] { Path.GetFullPath(dataset), Path.GetFullPath(dataset, fileFolder) })
            if (Directory.Exists(candidate)) return candidate;
        errors.Add(entry.Value, "dataset", $"unknown dataset '{dataset}': expected {string.Join(" or ", DatasetNames)} or an existing folder");
        return null;
    }

    /// <summary>The header of the dataset's training images, or null when it cannot be read yet (loading reports why).</summary>
    private static IdxImagesHeader? TrainingSet(string dataset, SourceMappingEntry? entry, SourceMapping top, SweepErrors errors)
    {
        try
        {
            return IdxImagesHeader.OfTrainingSet(dataset);
        }
        catch (DataFormatException exception)
        {
            errors.Add(entry?.Value ?? top, "dataset", exception.Message);
            return null;
        }
    }

    private static SweepMethod? ReadMethod(SourceMappingEntry entry, SweepErrors errors)
    {
        var text = ReadText(entry, "method", errors);
        switch (text)
        {
            case null: return null;
            case "grid": return SweepMethod.Grid;
            case "random": return SweepMethod.Random;
            case "bayes": return SweepMethod.Bayes;
            default:
                errors.Add(entry.Value, "method", $"unknown method '{text}'; {Suggestions.DidYouMean(text, ["grid", "random", "bayes"])}");
                return null;
        }
    }

    private static (Metric? metric, Goal? goal) ReadMetric(SourceMappingEntry entry, SweepErrors errors)
    {
        SourceMappingEntry? nameEntry = null, goalEntry = null;
        if (entry.Value is SourceScalar { IsNull: false })
        {
            nameEntry = entry; // `metric: val_loss` is short for {name: val_loss}
        }
        else if (entry.Value is SourceMapping mapping)
        {
            var entries = Distinct(mapping, "metric.", MetricKeys, "unknown key in metric", errors);
            entries.TryGetValue("name", out nameEntry);
            entries.TryGetValue("goal", out goalEntry);
        }
        else
        {
            errors.Add(Located(entry), "metric", $"expected {{name: val_acc, goal: maximize}}, got {entry.Value.Describe()}");
            return (null, null);
        }

        var name = nameEntry is null ? Metric.ValAcc.Name : ReadText(nameEntry, "metric.name", errors);
        var metric = name is null ? null : Metric.Named(name);
        if (name is not null && metric is null)
            errors.Add(nameEntry!.Value, "metric.name", $"unknown metric '{name}'; {Suggestions.DidYouMean(name, Metric.Names)}");
        if (goalEntry is null) return (metric, metric?.DefaultGoal);
        var text = ReadText(goalEntry, "metric.goal", errors);
        if (text is null) return (metric, null);
        var goal = Goals.Named(text);
        if (goal is null)
            errors.Add(goalEntry.Value, "metric.goal", $"unknown goal '{text}'; {Suggestions.DidYouMean(text, Goals.Names)}");
        return (metric, goal);
    }

    private static ulong? ReadCount(SourceMappingEntry entry, string key, long minimum, SweepErrors errors)
    {
        if (entry.Value is SourceScalar { IsWholeNumber: true } scalar)
        {
            if (scalar.IsWholeNumberAbove(int.MaxValue))
                errors.Add(entry.Value, key, $"must be at most {int.MaxValue}, got {scalar.Text}");
            else if (scalar.TryGetInteger(out var count) && count >= minimum)
                return (ulong)count;
            else
                errors.Add(entry.Value, key, $"must be >= {minimum}, got {scalar.Text}");
            return null;
        }
        errors.Add(Located(entry), key, $"expected a whole number, got {entry.Value.Describe()}");
        return null;
    }

    private static List<ParameterSpec> ReadParameters(SourceMappingEntry entry, SweepMethod method, SweepErrors errors)
    {
        var specs = new List<ParameterSpec>();
        if (entry.Value is not SourceMapping mapping)
        {
            errors.Add(Located(entry), "parameters", $"expected a mapping of parameter specs such as lr: {{values: [0.1, 0.5]}}, got {entry.Value.Describe()}");
            return specs;
        }
        var seen = new Dictionary<string, SourceMappingEntry>(StringComparer.Ordinal);
        foreach (var parameterEntry in mapping.Entries)
        {
            var name = parameterEntry.Key.Text;
            var parameter = SweepParameters.Find(name);
            if (parameter is null)
            {
                errors.Add(parameterEntry.Key, $"parameters.{name}", $"unknown parameter; {Suggestions.DidYouMean(name, SweepParameters.Names)}");
                continue;
            }
            if (seen.TryGetValue(name, out var first))
            {
                errors.Add(parameterEntry.Key, $"parameters.{name}", $"duplicate key (first given at {first.Key.Where})");
                continue;
            }
            seen[name] = parameterEntry;
            var spec = ParameterSpecReader.Read(parameter, parameterEntry.Key, parameterEntry.Value, method, errors);
            if (spec is not null) specs.Add(spec);
        }
        return specs;
    }

    private static SourceNode Located(SourceMappingEntry entry) => entry.Value is SourceScalar { IsNull: true } ? entry.Key : entry.Value;

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex SimpleName();
}
