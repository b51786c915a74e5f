using Sweep.Engine.Model;
using Sweep.Trials;

namespace Sweep.Coordinator.SweepFiles;

/// <summary>
/// Reads and validates one parameter's spec (`{value}`, `{values}`, `{min, max, scale}`) and its values, adding every
/// problem to the error list instead of stopping at the first.
/// </summary>
public static class ParameterSpecReader
{
    private static readonly string[] SpecKeys = ["value", "values", "min", "max", "scale"];

    public static ParameterSpec? Read(SweepParameter parameter, SourceScalar keyNode, SourceNode specNode, SweepMethod method, SweepErrors errors)
    {
        var key = $"parameters.{parameter.Name}";
        if (specNode is not SourceMapping mapping)
        {
            errors.Add(Located(specNode, keyNode), key,
                $"expected a mapping such as {{value: x}} or {{values: [x, y]}}, got {specNode.Describe()}");
            return null;
        }

        var found = new Dictionary<string, SourceMappingEntry>(StringComparer.Ordinal);
        foreach (var entry in mapping.Entries)
        {
            var name = entry.Key.Text;
            if (!SpecKeys.Contains(name))
                errors.Add(entry.Key, $"{key}.{name}", $"unknown key in a parameter spec; {Suggestions.DidYouMean(name, SpecKeys)}");
            else if (found.TryGetValue(name, out var first))
                errors.Add(entry.Key, $"{key}.{name}", $"duplicate key (first given at {first.Key.Where})");
            else
                found[name] = entry;
        }

        found.TryGetValue("value", out var value);
        found.TryGetValue("values", out var values);
        found.TryGetValue("min", out var min);
        found.TryGetValue("max", out var max);
        found.TryGetValue("scale", out var scale);
        var hasRange = min is not null || max is not null;

        if (value is not null && values is not null)
        {
            errors.Add(values.Key, key, "give either value (a constant) or values (a list to sweep), not both");
            return null;
        }
        if (hasRange && (value ?? values) is { } both)
        {
            errors.Add(both.Key, key, "min/max cannot be combined with value or values");
            return null;
        }
        if (value is not null) return ReadConstant(parameter, value, key, errors);
        if (values is not null) return ReadValues(parameter, values, key, errors);
        if (hasRange) return ReadRange(parameter, keyNode, min, max, scale, method, key, errors);
        errors.Add(Located(specNode, keyNode), key, scale is null
            ? "needs value (a constant) or values (a list to sweep)"
            : "scale needs min and max");
        return null;
    }

    /// <summary>A `{value: x}` spec, also used for a single command-line override value.</summary>
    public static ParameterSpec? ReadConstant(SweepParameter parameter, SourceMappingEntry value, string key, SweepErrors errors)
    {
        var read = ReadValue(parameter, value.Value, $"{key}.value", errors);
        return read is null ? null : new ConstantSpec(parameter, value.Key.Where, read) { Origins = [new(read, value.Value.Where, $"{key}.value")] };
    }

    public static ParameterSpec? ReadValues(SweepParameter parameter, SourceMappingEntry values, string key, SweepErrors errors)
    {
        if (values.Value is not SourceSequence list)
        {
            errors.Add(Located(values.Value, values.Key), $"{key}.values",
                $"expected a list such as [0.1, 0.5], got {values.Value.Describe()} (a single value is written value: x)");
            return null;
        }
        if (list.Items.Count == 0)
        {
            errors.Add(list, $"{key}.values", "the list is empty, so the grid would have no trials");
            return null;
        }
        var read = list.Items.Select((item, index) => ReadValue(parameter, item, $"{key}.values[{index}]", errors)).ToArray();
        if (read.Any(item => item is null)) return null;
        var origins = read.Select((item, index) => new ValueOrigin(item!, list.Items[index].Where, $"{key}.values[{index}]"));
        return new ValuesSpec(parameter, values.Key.Where, read.Select(item => item!).Distinct().ToArray()) { Origins = origins.ToArray() };
    }

    private static ParameterSpec? ReadRange(
        SweepParameter parameter, SourceScalar keyNode, SourceMappingEntry? min, SourceMappingEntry? max, SourceMappingEntry? scale,
        SweepMethod method, string key, SweepErrors errors)
    {
        var at = (min ?? max)!.Key;
        if (method == SweepMethod.Grid)
        {
            errors.Add(at, key, "min/max ranges need method: random or bayes; a grid sweeps values: [...]");
            return null;
        }
        if (parameter.Kind is not (ParameterKind.Real or ParameterKind.Integer))
        {
            errors.Add(at, key, $"min/max only apply to numeric parameters; write {parameter.Name} as values: [...]");
            return null;
        }
        if (min is null || max is null)
        {
            errors.Add(at, key, $"a range needs both min and max (only {(min is null ? "max" : "min")} is given)");
            return null;
        }
        var log = false;
        if (scale is not null)
        {
            if (scale.Value is SourceScalar { Text: "log" or "linear" } scaleText) log = scaleText.Text == "log";
            else errors.Add(Located(scale.Value, scale.Key), $"{key}.scale", $"expected log or linear, got {scale.Value.Describe()}");
        }
        var low = ReadBound(parameter, min, $"{key}.min", errors);
        var high = ReadBound(parameter, max, $"{key}.max", errors);
        if (low is null || high is null) return null;
        var integer = low.Value.integer && high.Value.integer;
        try
        {
            return new RangeSpec(parameter, keyNode.Where, low.Value.number, high.Value.number, log, integer)
            {
                Origins = [new(ParameterValue.OfNumber(low.Value.number), min.Value.Where, $"{key}.min"),
                    new(ParameterValue.OfNumber(high.Value.number), max.Value.Where, $"{key}.max")],
            };
        }
        catch (ArgumentException exception)
        {
            errors.Add(at, key, exception.Message);
            return null;
        }
    }

    private static (double number, bool integer)? ReadBound(SweepParameter parameter, SourceMappingEntry bound, string key, SweepErrors errors)
    {
        var node = bound.Value;
        var isInteger = node is SourceScalar s && s.TryGetInteger(out _);
        if (parameter.Kind == ParameterKind.Integer && !isInteger)
        {
            errors.Add(Located(node, bound.Key), key, $"expected a whole number, got {node.Describe()}");
            return null;
        }
        var value = ReadValue(parameter, node, key, errors);
        return value is null ? null : (value.Number, isInteger);
    }

    /// <summary>One value of a parameter, checked against the parameter's kind and rule; null after adding an error.</summary>
    public static ParameterValue? ReadValue(SweepParameter parameter, SourceNode node, string key, SweepErrors errors)
    {
        switch (parameter.Kind)
        {
            case ParameterKind.Real:
                if (node is SourceScalar real && real.TryGetNumber(out var number)) return Checked(parameter, node, key, number, errors);
                errors.Add(node, key, $"expected a number, got {node.Describe()}");
                return null;
            case ParameterKind.Integer:
                if (node is SourceScalar large && large.IsWholeNumberAbove(parameter.Maximum))
                {
                    errors.Add(node, key, $"{parameter.Name} must be at most {parameter.Maximum}, got {large.Text}");
                    return null;
                }
                if (node is SourceScalar whole && whole.TryGetInteger(out var integer)) return Checked(parameter, node, key, integer, errors);
                errors.Add(node, key, node is SourceScalar { IsWholeNumber: true } tooSmall
                    ? $"{parameter.Name} {parameter.Rule}, got {tooSmall.Text}"
                    : $"expected a whole number, got {node.Describe()}");
                return null;
            case ParameterKind.Widths:
                return ReadWidths(parameter, node, key, errors);
            case ParameterKind.Layers:
                return ReadLayers(node, key, errors);
            default:
                if (node is SourceScalar { IsNull: false } name)
                {
                    var lower = name.Text.ToLowerInvariant();
                    if (parameter.Choices.Contains(lower)) return ParameterValue.OfChoice(lower);
                    errors.Add(node, key, $"unknown {parameter.Name} '{name.Text}'; {Suggestions.DidYouMean(name.Text, parameter.Choices)}");
                    return null;
                }
                errors.Add(node, key, $"expected {string.Join(" or ", parameter.Choices)}, got {node.Describe()}");
                return null;
        }
    }

    private static ParameterValue? ReadWidths(SweepParameter parameter, SourceNode node, string key, SweepErrors errors)
    {
        // A bare number is one hidden layer: `hidden=500` on the command line means [500].
        var items = Items(node, node is SourceScalar { IsWholeNumber: true },
            "a list of layer widths such as [500], [256, 128] or [] (softmax regression)", key, errors);
        if (items is null) return null;
        var widths = new List<int>();
        var ok = true;
        foreach (var item in items)
        {
            if (item is SourceScalar scalar && scalar.TryGetInteger(out var width) && width >= 1 && width <= parameter.Maximum)
            {
                widths.Add((int)width);
                continue;
            }
            errors.Add(item, key, item is SourceScalar { IsWholeNumber: true } text
                ? text.IsWholeNumberAbove(parameter.Maximum)
                    ? $"every width must be at most {parameter.Maximum}, got {text.Text}"
                    : $"every width must be >= 1, got {text.Text}"
                : $"a width must be a whole number >= 1, got {item.Describe()}");
            ok = false;
        }
        return ok ? ParameterValue.OfWidths(widths) : null;
    }

    private static ParameterValue? ReadLayers(SourceNode node, string key, SweepErrors errors)
    {
        // A bare layer is a one-layer network, as a bare width is for hidden: `layers=fc:500` means [fc:500].
        var items = Items(node, node is SourceScalar { IsNull: false },
            "a list of layers such as [conv5x5:32, pool2, fc:500] or [] (the hidden widths decide)", key, errors);
        if (items is null) return null;
        var layers = new List<LayerSpec>();
        var ok = true;
        foreach (var item in items)
        {
            try
            {
                layers.Add(item is SourceScalar { IsNull: false } scalar
                    ? LayerSpec.Parse(scalar.Text)
                    : throw new FormatException($"expected a layer ({LayerSpec.Forms}), got {item.Describe()}"));
            }
            catch (FormatException error)
            {
                errors.Add(item, key, error.Message);
                ok = false;
            }
        }
        return ok ? ParameterValue.OfLayers(layers) : null;
    }

    /// <summary>A list value's items, or a bare one as a list of one; null after adding an error that says what was <paramref name="expected"/>.</summary>
    private static IReadOnlyList<SourceNode>? Items(SourceNode node, bool bare, string expected, string key, SweepErrors errors)
    {
        if (node is SourceSequence list) return list.Items;
        if (bare) return [node];
        errors.Add(node, key, $"expected {expected}, got {node.Describe()}");
        return null;
    }

    private static ParameterValue? Checked(SweepParameter parameter, SourceNode node, string key, double number, SweepErrors errors)
    {
        if (parameter.ObeysRule(number)) return ParameterValue.OfNumber(number);
        errors.Add(node, key, $"{parameter.Name} {parameter.Rule}, got {((SourceScalar)node).Text}");
        return null;
    }

    /// <summary>An empty value (`lr:` with nothing after it) has no useful position of its own: point at its key.</summary>
    private static string Located(SourceNode node, SourceScalar key) => node is SourceScalar { IsNull: true } ? key.Where : node.Where;
}
