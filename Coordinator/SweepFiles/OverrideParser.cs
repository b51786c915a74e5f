namespace Sweep.Coordinator.SweepFiles;

/// <summary>
/// Hydra-style command-line overrides on top of a sweep file: `lr=0.1,0.5` is a values axis, `epochs=3` a constant,
/// `hidden=[256,128]` one value and `hidden=[],[500]` two. Commas split values only outside brackets.
/// Each value is read as YAML, so the same rules and messages apply as in the file.
/// </summary>
public static class OverrideParser
{
    public static ParameterSpec? Parse(string text, SweepErrors errors)
    {
        var where = $"override '{text}'";
        var equals = text.IndexOf('=');
        if (equals <= 0)
        {
            errors.Add(where, text, "expected KEY=VALUE such as lr=0.1 or lr=0.1,0.5");
            return null;
        }
        var key = text[..equals].Trim();
        var parameter = SweepParameters.Find(key);
        if (parameter is null)
        {
            errors.Add(where, key, $"unknown parameter; {Suggestions.DidYouMean(key, SweepParameters.Names)}");
            return null;
        }
        var pieces = SplitOutsideBrackets(text[(equals + 1)..]);
        if (pieces.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add(where, key, "a value is missing (nothing between commas or after '=')");
            return null;
        }
        var values = new List<ParameterValue>();
        foreach (var piece in pieces)
        {
            var node = SourceTreeReader.Read(piece, where, errors, fixedWhere: where);
            if (node is null) return null;
            var value = ParameterSpecReader.ReadValue(parameter, node, key, errors);
            if (value is null) return null;
            values.Add(value);
        }
        var origins = values.Select(value => new ValueOrigin(value, where, key)).ToArray();
        return values.Count == 1
            ? new ConstantSpec(parameter, where, values[0]) { Origins = origins }
            : new ValuesSpec(parameter, where, values.Distinct().ToArray()) { Origins = origins };
    }

    public static IReadOnlyList<string> SplitOutsideBrackets(string text)
    {
        var pieces = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '[' or '{': depth++; break;
                case ']' or '}': depth--; break;
                case ',' when depth == 0:
                    pieces.Add(text[start..i]);
                    start = i + 1;
                    break;
            }
        }
        pieces.Add(text[start..]);
        return pieces;
    }
}
