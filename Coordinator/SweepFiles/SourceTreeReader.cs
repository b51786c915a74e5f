using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Sweep.Coordinator.SweepFiles;

/// <summary>
/// Turns YAML text into <see cref="SourceNode"/>s from YamlDotNet's parser events, so that every node keeps its
/// line:column and duplicate keys survive to validation (the representation model would stop at the first one).
/// Anchors and aliases are resolved by name to the same node, so the tree is a graph whose expansion could be huge
/// (the "billion laughs" file): the nodes aliases stand for are counted and capped at <see cref="MaxAliasedNodes"/>.
/// Nesting is capped at <see cref="MaxDepth"/>, so a file of 20,000 `[` is an error, not a stack overflow.
/// Non-goals: tags and merge keys.
/// </summary>
public static partial class SourceTreeReader
{
    /// <summary>A sweep file nests 6 levels (parameters, hidden, values, a list of widths); 64 leaves room for any layout.</summary>
    public const int MaxDepth = 64;

    /// <summary>Nodes that aliases may stand for in all; a real file reuses a few small anchors.</summary>
    public const long MaxAliasedNodes = 100_000;

    /// <summary>The single document's root, or null after adding the reason (empty input, syntax error) to errors.</summary>
    /// <param name="fixedWhere">When set, every node and error is located here (a command-line override).</param>
    public static SourceNode? Read(string text, string file, SweepErrors errors, string? fixedWhere = null)
    {
        var parser = new Parser(new StringReader(text));
        string Where(Mark mark) => fixedWhere ?? $"{file}:{mark.Line}:{mark.Column}";
        var reader = new Reader(parser, Where);
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                errors.Add(fixedWhere ?? $"{file}:1:1", "(file)", "the file is empty; a sweep file needs at least `name:` and `parameters:`");
                return null;
            }
            parser.Consume<DocumentStart>();
            var root = reader.ReadNode(depth: 1);
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

    /// <summary>The state of one read: the anchors seen so far, and how many nodes aliases have stood for.</summary>
    private sealed class Reader(IParser parser, Func<Mark, string> where)
    {
        private readonly Dictionary<string, (SourceNode Node, long Size)> _anchors = new(StringComparer.Ordinal);
        private long _aliasedNodes;

        public SourceNode ReadNode(int depth) => Read(depth).Node;

        /// <summary>A node and its size once every alias in it is expanded (saturating, so a hostile file cannot overflow it).</summary>
        private (SourceNode Node, long Size) Read(int depth)
        {
            if (parser.TryConsume<AnchorAlias>(out var alias))
            {
                if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                    throw new YamlException(alias.Start, alias.End, $"unknown alias *{alias.Value.Value}");
                _aliasedNodes = Math.Min(_aliasedNodes + target.Size, long.MaxValue / 2);
                if (_aliasedNodes > MaxAliasedNodes)
                    throw new YamlException(alias.Start, alias.End,
                        $"aliases expand to more than {MaxAliasedNodes} nodes (at *{alias.Value.Value}); write the values out or reuse fewer anchors");
                return target;
            }
            if (depth > MaxDepth)
            {
                var start = parser.Current!.Start;
                throw new YamlException(start, start, $"nested deeper than {MaxDepth} levels; a sweep file needs about 6");
            }
            if (parser.TryConsume<Scalar>(out var scalar))
                return Remember(scalar, new SourceScalar(where(scalar.Start), scalar.Value, scalar.Style is ScalarStyle.Plain or ScalarStyle.Any), 1);
            if (parser.TryConsume<SequenceStart>(out var sequenceStart))
            {
                var items = new List<SourceNode>();
                var size = 1L;
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    var item = Read(depth + 1);
                    items.Add(item.Node);
                    size = Math.Min(size + item.Size, long.MaxValue / 2);
                }
                return Remember(sequenceStart, new SourceSequence(where(sequenceStart.Start), items), size);
            }
            var mappingStart = parser.Consume<MappingStart>();
            var entries = new List<SourceMappingEntry>();
            var mappingSize = 1L;
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyStart = parser.Current!.Start;
                var key = Read(depth + 1);
                var value = Read(depth + 1);
                if (key.Node is SourceScalar scalarKey) entries.Add(new SourceMappingEntry(scalarKey, value.Node));
                else throw new YamlException(keyStart, keyStart, "a key must be a plain name, not a list or mapping");
                mappingSize = Math.Min(mappingSize + key.Size + value.Size, long.MaxValue / 2);
            }
            return Remember(mappingStart, new SourceMapping(where(mappingStart.Start), entries), mappingSize);
        }

        private (SourceNode, long) Remember(NodeEvent start, SourceNode node, long size)
        {
            if (!start.Anchor.IsEmpty) _anchors[start.Anchor.Value] = (node, size);
            return (node, size);
        }
    }

    /// <summary>YamlException messages start with "(Line: 3, Col: 5, Idx: 20) - (...): "; the location is printed already.</summary>
    private static string WithoutMarks(string message) => MarksPrefix().Replace(message, "");

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarksPrefix();
}
