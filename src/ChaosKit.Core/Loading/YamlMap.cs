using System.Globalization;
using ChaosKit.Core.Scenarios;
using YamlDotNet.RepresentationModel;

namespace ChaosKit.Core.Loading;

/// <summary>
/// A YAML mapping read field by field, with every error pointing at the file, line, column and dotted field path.
/// Unknown keys are rejected up front, with the nearest known key as a suggestion, so a typo reads as a typo
/// rather than as a missing field.
/// </summary>
internal sealed class YamlMap
{
    private readonly YamlMappingNode _node;
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);

    public YamlMap(YamlMappingNode node, string file, string path, IReadOnlyCollection<string> knownKeys)
    {
        _node = node;
        File = file;
        Path = path;
        foreach (var (keyNode, value) in node.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key } scalarKey)
                throw new ScenarioException(Where(keyNode), path, "keys must be plain names");
            if (!knownKeys.Contains(key))
            {
                var hint = NearMiss.Suggest(key, knownKeys);
                throw new ScenarioException(Where(keyNode), Join(path, key), hint is null
                    ? $"unknown key '{key}'; expected one of: {string.Join(", ", knownKeys)}"
                    : $"unknown key '{key}'; did you mean '{hint}'?");
            }
            if (!_entries.TryAdd(key, (scalarKey, value)))
                throw new ScenarioException(Where(keyNode), Join(path, key), "the key appears twice");
        }
    }

    public string File { get; }

    public string Path { get; }

    public SourceLocation Location => Where(_node);

    public bool Has(string key) => _entries.ContainsKey(key);

    public IEnumerable<string> Keys => _entries.Keys;

    public SourceLocation LocationOf(string key) => _entries.TryGetValue(key, out var e) ? Where(e.Value) : Location;

    public string FieldPath(string key) => Join(Path, key);

    public YamlNode? Node(string key) => _entries.TryGetValue(key, out var e) ? e.Value : null;

    public YamlNode RequiredNode(string key) =>
        Node(key) ?? throw new ScenarioException(Location, Join(Path, key), "missing required field");

    public string RequiredString(string key) => Scalar(key, RequiredNode(key));

    public string? OptionalString(string key) => Node(key) is { } node ? Scalar(key, node) : null;

    public int RequiredInt(string key) => ParseInt(key, RequiredNode(key));

    public int OptionalInt(string key, int fallback) => Node(key) is { } node ? ParseInt(key, node) : fallback;

    public double OptionalDouble(string key, double fallback, double min, double max) =>
        Node(key) is { } node ? ParseDouble(key, node, min, max) : fallback;

    public double RequiredDouble(string key, double min, double max) => ParseDouble(key, RequiredNode(key), min, max);

    public TimeSpan RequiredDuration(string key) => ParseDuration(key, RequiredNode(key));

    public TimeSpan OptionalDuration(string key, TimeSpan fallback) => Node(key) is { } node ? ParseDuration(key, node) : fallback;

    public YamlMap RequiredMap(string key, IReadOnlyCollection<string> knownKeys) => AsMap(RequiredNode(key), Join(Path, key), knownKeys);

    public YamlMap? OptionalMap(string key, IReadOnlyCollection<string> knownKeys) =>
        Node(key) is { } node ? AsMap(node, Join(Path, key), knownKeys) : null;

    public YamlSequenceNode RequiredSequence(string key) => AsSequence(RequiredNode(key), Join(Path, key));

    public YamlSequenceNode? OptionalSequence(string key) => Node(key) is { } node ? AsSequence(node, Join(Path, key)) : null;

    public YamlMap AsMap(YamlNode node, string path, IReadOnlyCollection<string> knownKeys) => node switch
    {
        YamlMappingNode map => new YamlMap(map, File, path, knownKeys),
        _ => throw new ScenarioException(Where(node), path, $"expected a mapping of {string.Join(", ", knownKeys)}, got {Describe(node)}"),
    };

    public YamlSequenceNode AsSequence(YamlNode node, string path) => node as YamlSequenceNode
        ?? throw new ScenarioException(Where(node), path, $"expected a list (lines starting with '- '), got {Describe(node)}");

    public string Scalar(string key, YamlNode node) => node switch
    {
        YamlScalarNode { Value: { } value } => value,
        _ => throw new ScenarioException(Where(node), Join(Path, key), $"expected a single value, got {Describe(node)}"),
    };

    public SourceLocation Where(YamlNode node) => new(File, (int)node.Start.Line, (int)node.Start.Column);

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode { Value: null or "" } => "nothing",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "an unsupported value",
    };

    private int ParseInt(string key, YamlNode node)
    {
        var text = Scalar(key, node);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ScenarioException(Where(node), Join(Path, key), $"expected a whole number, got '{text}'");
    }

    private double ParseDouble(string key, YamlNode node, double min, double max)
    {
        var text = Scalar(key, node);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw new ScenarioException(Where(node), Join(Path, key), $"expected a number, got '{text}'");
        if (value < min || value > max)
            throw new ScenarioException(Where(node), Join(Path, key),
                $"{text} is out of range; it must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}");
        return value;
    }

    private TimeSpan ParseDuration(string key, YamlNode node)
    {
        var text = Scalar(key, node);
        return DurationParser.TryParse(text, out var d)
            ? d
            : throw new ScenarioException(Where(node), Join(Path, key), DurationParser.Explain(text));
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}
