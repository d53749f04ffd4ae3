using ChaosKit.Core.Scenarios;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ChaosKit.Core.Loading;

/// <summary>
/// The bounds a scenario file's YAML must keep, checked on the parser's events before any node is built, so hostile
/// input is one clear error instead of a crash, a hang or an unbounded allocation: how deep mappings and lists nest
/// (the representation model recurses once per level), and how many values the file stands for once its aliases
/// are followed (a few lines of nested aliases can stand for billions, and every reader of the tree follows them).
/// </summary>
internal static class YamlLimits
{
    /// <summary>Longest scenario file, in characters; real ones are a few kilobytes.</summary>
    public const int MaxChars = 1 << 20;

    /// <summary>Deepest nesting of mappings and lists, aliases followed; a scenario needs about ten levels.</summary>
    public const int MaxDepth = 64;

    /// <summary>Most values (mappings, lists and scalars) a file may stand for, aliases followed.</summary>
    public const long MaxValues = 100_000;

    /// <summary>Checks <paramref name="yaml"/>; false when it breaks a bound or is not YAML (the problem is recorded).</summary>
    public static bool Check(string yaml, Diagnostics diagnostics)
    {
        if (yaml.Length > MaxChars)
        {
            diagnostics.Report(new SourceLocation(diagnostics.File, 0, 0), "",
                $"the file holds more than {MaxChars} characters (1 MiB), the most a scenario file may hold");
            return false;
        }
        var parser = new Parser(new StringReader(yaml));
        var open = new Stack<Collection>();
        var anchors = new Dictionary<string, Extent>(StringComparer.Ordinal);
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                switch (current)
                {
                    case MappingStart or SequenceStart:
                        if (open.Count >= MaxDepth) return TooDeep(current, diagnostics);
                        var anchor = AnchorOf(current);
                        // Until it closes, an alias of its anchor would be the value inside itself (an older value of that name is hidden).
                        if (anchor is not null) anchors.Remove(anchor);
                        open.Push(new Collection(anchor, current is MappingStart ? current.Start : null));
                        break;
                    case MappingEnd or SequenceEnd:
                        var done = open.Pop();
                        if (done.MappingAt is { } mapping && done.Children % 2 != 0) return KeyWithoutValue(mapping, diagnostics);
                        if (!Add(open, anchors, done.Anchor, new Extent(1 + done.Values, 1 + done.Depth), current, diagnostics)) return false;
                        break;
                    case Scalar:
                        if (!Add(open, anchors, AnchorOf(current), new Extent(1, 0), current, diagnostics)) return false;
                        break;
                    case AnchorAlias alias when anchors.TryGetValue(alias.Value.Value, out var extent):
                        if (open.Count + extent.Depth > MaxDepth) return TooDeep(current, diagnostics);
                        if (!Add(open, anchors, null, extent, current, diagnostics)) return false;
                        break;
                    case AnchorAlias alias:
                        return AliasBeforeAnchor(alias, diagnostics);
                }
            }
            return true;
        }
        catch (YamlException e)
        {
            diagnostics.Report(new SourceLocation(diagnostics.File, (int)e.Start.Line, (int)e.Start.Column), "", InvalidYaml(e));
            return false;
        }
        catch (InvalidOperationException)
        {
            // The scanner gives up on some malformed input (a stray '{{' in a flow mapping) without saying where.
            var near = parser.Current?.End ?? Mark.Empty;
            diagnostics.Report(new SourceLocation(diagnostics.File, (int)Math.Max(1, near.Line), (int)Math.Max(1, near.Column)), "",
                "invalid YAML: the parser cannot read on from here; quote a value that starts with '{', '[', '*' or '&' (e.g. \"{{lorem.sentence}}\")");
            return false;
        }
    }

    /// <summary>The one-line message of a YAML syntax error.</summary>
    public static string InvalidYaml(YamlException e) => $"invalid YAML: {(e.InnerException?.Message ?? e.Message).Split('\n')[0].TrimEnd('.')}";

    private static bool Add(Stack<Collection> open, Dictionary<string, Extent> anchors, string? anchor, Extent extent, ParsingEvent at, Diagnostics diagnostics)
    {
        if (anchor is not null) anchors[anchor] = extent;
        if (open.Count == 0) return true;
        var parent = open.Peek();
        parent.Children++;
        parent.Values += extent.Values;
        parent.Depth = Math.Max(parent.Depth, extent.Depth);
        if (parent.Values <= MaxValues) return true;
        diagnostics.Report(new SourceLocation(diagnostics.File, (int)at.Start.Line, (int)at.Start.Column), "",
            $"the file stands for more than {MaxValues} values once its aliases are followed; a scenario needs far fewer (an alias that repeats nested aliases multiplies them)");
        return false;
    }

    // YamlDotNet resolves an alias to an anchor written after it, or to the collection that holds it: the first escapes
    // the count above, the second makes a value that holds itself, on which every reader of the tree recurses for ever.
    private static bool AliasBeforeAnchor(AnchorAlias alias, Diagnostics diagnostics)
    {
        diagnostics.Report(new SourceLocation(diagnostics.File, (int)alias.Start.Line, (int)alias.Start.Column), "",
            $"invalid YAML: the alias *{alias.Value.Value} comes before the value anchored &{alias.Value.Value}, or inside it; an alias can only repeat a value written before it");
        return false;
    }

    // The parser reads "- : value" in a block list as a mapping of one node, a value without its key, which the
    // representation model then fails on with an ArgumentException instead of a syntax error.
    private static bool KeyWithoutValue(Mark at, Diagnostics diagnostics)
    {
        diagnostics.Report(new SourceLocation(diagnostics.File, (int)at.Line, (int)at.Column), "",
            "invalid YAML: a mapping here has a value without its key (': value' with nothing before the colon); write 'key: value'");
        return false;
    }

    private static bool TooDeep(ParsingEvent at, Diagnostics diagnostics)
    {
        diagnostics.Report(new SourceLocation(diagnostics.File, (int)at.Start.Line, (int)at.Start.Column), "",
            $"mappings and lists nest more than {MaxDepth} levels deep here (aliases followed); a scenario needs far fewer");
        return false;
    }

    private static string? AnchorOf(ParsingEvent e) => e is NodeEvent { Anchor: { IsEmpty: false } anchor } ? anchor.Value : null;

    /// <summary>A mapping or list still open: the values and depth of its children so far.</summary>
    private sealed class Collection(string? anchor, Mark? mappingAt)
    {
        public string? Anchor { get; } = anchor;

        /// <summary>Where the mapping starts; <see langword="null"/> for a list.</summary>
        public Mark? MappingAt { get; } = mappingAt;

        /// <summary>Its direct children (keys and values count one each in a mapping).</summary>
        public int Children { get; set; }

        public long Values { get; set; }

        public int Depth { get; set; }
    }

    /// <summary>How many values a node stands for, itself included, and how many levels of collections it holds.</summary>
    private readonly record struct Extent(long Values, int Depth);
}
