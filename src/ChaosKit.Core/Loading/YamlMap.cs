using System.Globalization;
using ChaosKit.Core.Scenarios;
using YamlDotNet.RepresentationModel;

namespace ChaosKit.Core.Loading;

/// <summary>
/// A YAML mapping read field by field. A bad value is recorded in the file's <see cref="Diagnostics"/>, pointing at
/// the file, line, column and dotted field path, and the getter returns <see langword="null"/> (or the fallback of an
/// optional field), so reading goes on and every mistake of the file is found in one pass. Unknown keys are
/// recorded up front, with the nearest known key as a suggestion, so a typo reads as a typo rather than as a missing field.
/// </summary>
internal sealed class YamlMap
{
    private readonly YamlMappingNode _node;
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _suggested = new(StringComparer.Ordinal);

    public YamlMap(YamlMappingNode node, Diagnostics diagnostics, string path, IReadOnlyCollection<string> knownKeys)
    {
        _node = node;
        Diagnostics = diagnostics;
        Path = path;
        foreach (var (keyNode, value) in node.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key } scalarKey)
            {
                Diagnostics.Report(Where(keyNode), path, "keys must be plain names");
                continue;
            }
            if (!knownKeys.Contains(key))
            {
                var hint = NearMiss.Suggest(key, knownKeys);
                if (hint is not null) _suggested.Add(hint);
                Diagnostics.Report(Where(keyNode), Join(path, key), hint is null
                    ? $"unknown key '{key}'; expected one of: {string.Join(", ", knownKeys)}"
                    : $"unknown key '{key}'; did you mean '{hint}'?");
                continue;
            }
            if (!_entries.TryAdd(key, (scalarKey, value)))
                Diagnostics.Report(Where(keyNode), Join(path, key), "the key appears twice");
        }
    }

    public Diagnostics Diagnostics { get; }

    public string Path { get; }

    public SourceLocation Location => Where(_node);

    public bool Has(string key) => _entries.ContainsKey(key);

    public IEnumerable<string> Keys => _entries.Keys;

    /// <summary>How many keys the mapping has as written, unknown ones included.</summary>
    public int WrittenKeys => _node.Children.Count;

    public SourceLocation LocationOf(string key) => _entries.TryGetValue(key, out var e) ? Where(e.Value) : Location;

    public string FieldPath(string key) => Join(Path, key);

    /// <summary>Records a problem with <paramref name="key"/>'s value, pointing at it.</summary>
    public void Report(string key, string problem) => Diagnostics.Report(LocationOf(key), FieldPath(key), problem);

    /// <summary>Records a problem at <paramref name="node"/>, for <paramref name="field"/>.</summary>
    public void Report(YamlNode node, string field, string problem) => Diagnostics.Report(Where(node), field, problem);

    /// <summary>True when an unknown key of this map was reported as a misspelling of <paramref name="key"/>.</summary>
    public bool Misspelt(string key) => _suggested.Contains(key);

    public YamlNode? Node(string key) => _entries.TryGetValue(key, out var e) ? e.Value : null;

    /// <summary>The value; when it is missing, recorded as such, unless a misspelt key already suggested it.</summary>
    public YamlNode? RequiredNode(string key)
    {
        if (Node(key) is { } node) return node;
        if (!_suggested.Contains(key)) Diagnostics.Report(Location, Join(Path, key), "missing required field");
        return null;
    }

    public string? RequiredString(string key) => RequiredNode(key) is { } node ? Scalar(key, node) : null;

    /// <summary>The value, or <see langword="null"/> when the key is absent or its value is not a single value (recorded).</summary>
    public string? OptionalString(string key) => Node(key) is { } node ? Scalar(key, node) : null;

    public int? RequiredInt(string key) => RequiredNode(key) is { } node ? ParseInt(key, node) : null;

    public int OptionalInt(string key, int fallback) => Node(key) is { } node ? ParseInt(key, node) ?? fallback : fallback;

    public double OptionalDouble(string key, double fallback, double min, double max) =>
        Node(key) is { } node ? ParseDouble(key, node, min, max) ?? fallback : fallback;

    public double? RequiredDouble(string key, double min, double max) => RequiredNode(key) is { } node ? ParseDouble(key, node, min, max) : null;

    public TimeSpan? RequiredDuration(string key) => RequiredNode(key) is { } node ? ParseDuration(key, node) : null;

    public TimeSpan OptionalDuration(string key, TimeSpan fallback) => Node(key) is { } node ? ParseDuration(key, node) ?? fallback : fallback;

    public YamlMap? RequiredMap(string key, IReadOnlyCollection<string> knownKeys) =>
        RequiredNode(key) is { } node ? AsMap(node, Join(Path, key), knownKeys) : null;

    public YamlMap? OptionalMap(string key, IReadOnlyCollection<string> knownKeys) =>
        Node(key) is { } node ? AsMap(node, Join(Path, key), knownKeys) : null;

    public YamlSequenceNode? RequiredSequence(string key) => RequiredNode(key) is { } node ? AsSequence(node, Join(Path, key)) : null;

    public YamlSequenceNode? OptionalSequence(string key) => Node(key) is { } node ? AsSequence(node, Join(Path, key)) : null;

    public YamlMap? AsMap(YamlNode node, string path, IReadOnlyCollection<string> knownKeys)
    {
        if (node is YamlMappingNode map) return new YamlMap(map, Diagnostics, path, knownKeys);
        Report(node, path, $"expected a mapping of {string.Join(", ", knownKeys)}, got {Describe(node)}");
        return null;
    }

    public YamlSequenceNode? AsSequence(YamlNode node, string path)
    {
        if (node is YamlSequenceNode sequence) return sequence;
        Report(node, path, $"expected a list (lines starting with '- '), got {Describe(node)}");
        return null;
    }

    public string? Scalar(string key, YamlNode node)
    {
        if (node is YamlScalarNode { Value: { } value }) return value;
        Report(node, Join(Path, key), $"expected a single value, got {Describe(node)}");
        return null;
    }

    public SourceLocation Where(YamlNode node) => new(Diagnostics.File, (int)node.Start.Line, (int)node.Start.Column);

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode { Value: null or "" } => "nothing",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "an unsupported value",
    };

    private int? ParseInt(string key, YamlNode node)
    {
        if (Scalar(key, node) is not { } text) return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
        Report(node, Join(Path, key), $"expected a whole number, got '{text}'");
        return null;
    }

    private double? ParseDouble(string key, YamlNode node, double min, double max)
    {
        if (Scalar(key, node) is not { } text) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            Report(node, Join(Path, key), $"expected a number, got '{text}'");
            return null;
        }
        if (value >= min && value <= max) return value;
        Report(node, Join(Path, key),
            $"{text} is out of range; it must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}");
        return null;
    }

    private TimeSpan? ParseDuration(string key, YamlNode node)
    {
        if (Scalar(key, node) is not { } text) return null;
        if (DurationParser.TryParse(text, out var d)) return d;
        Report(node, Join(Path, key), DurationParser.Explain(text));
        return null;
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}
