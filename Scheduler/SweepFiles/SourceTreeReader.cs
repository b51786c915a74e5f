using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Sweep.Scheduler.SweepFiles;

/// <summary>
/// Turns YAML text into <see cref="SourceNode"/>s from YamlDotNet's parser events, so that every node keeps its
/// line:column and duplicate keys survive to validation (the representation model would stop at the first one).
/// Non-goals: tags and merge keys; anchors and aliases are resolved by name.
/// </summary>
public static partial class SourceTreeReader
{
    /// <summary>The single document's root, or null after adding the reason (empty input, syntax error) to errors.</summary>
    /// <param name="fixedWhere">When set, every node and error is located here (a command-line override).</param>
    public static SourceNode? Read(string text, string file, SweepErrors errors, string? fixedWhere = null)
    {
        var parser = new Parser(new StringReader(text));
        string Where(Mark mark) => fixedWhere ?? $"{file}:{mark.Line}:{mark.Column}";
        var anchors = new Dictionary<string, SourceNode>(StringComparer.Ordinal);
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                errors.Add(fixedWhere ?? $"{file}:1:1", "(file)", "the file is empty; a sweep file needs at least `name:` and `parameters:`");
                return null;
            }
            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, Where, anchors);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                errors.Add(Where(second.Start), "(file)", "a sweep file holds one YAML document; remove the second `---`");
                return null;
            }
            return root;
        }
        catch (YamlException exception)
        {
            errors.Add(Where(exception.Start), "(yaml)", $"syntax error: {WithoutMarks(exception.Message)}");
            return null;
        }
    }

    private static SourceNode ReadNode(IParser parser, Func<Mark, string> where, Dictionary<string, SourceNode> anchors)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            return anchors.TryGetValue(alias.Value.Value, out var target)
                ? target
                : throw new YamlException(alias.Start, alias.End, $"unknown alias *{alias.Value.Value}");
        }
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            var node = new SourceScalar(where(scalar.Start), scalar.Value, scalar.Style is ScalarStyle.Plain or ScalarStyle.Any);
            return Remember(scalar, node, anchors);
        }
        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var items = new List<SourceNode>();
            while (!parser.TryConsume<SequenceEnd>(out _)) items.Add(ReadNode(parser, where, anchors));
            return Remember(sequenceStart, new SourceSequence(where(sequenceStart.Start), items), anchors);
        }
        var mappingStart = parser.Consume<MappingStart>();
        var entries = new List<SourceMappingEntry>();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyStart = parser.Current!.Start;
            var key = ReadNode(parser, where, anchors);
            var value = ReadNode(parser, where, anchors);
            if (key is SourceScalar scalarKey) entries.Add(new SourceMappingEntry(scalarKey, value));
            else throw new YamlException(keyStart, keyStart, "a key must be a plain name, not a list or mapping");
        }
        return Remember(mappingStart, new SourceMapping(where(mappingStart.Start), entries), anchors);
    }

    private static SourceNode Remember(NodeEvent start, SourceNode node, Dictionary<string, SourceNode> anchors)
    {
        if (!start.Anchor.IsEmpty) anchors[start.Anchor.Value] = node;
        return node;
    }

    /// <summary>YamlException messages start with "(Line: 3, Col: 5, Idx: 20) - (...): "; the location is printed already.</summary>
    private static string WithoutMarks(string message) => MarksPrefix().Replace(message, "");

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarksPrefix();
}
