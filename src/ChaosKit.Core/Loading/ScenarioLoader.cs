using System.Globalization;
using System.Text.RegularExpressions;
using ChaosKit.Core.Expectations;
using ChaosKit.Core.Scenarios;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChaosKit.Core.Loading;

/// <summary>
/// Reads and validates a scenario file (format v1) in one pass. Any problem — a YAML syntax error, an unknown or
/// misspelt key, a wrong type, a bad duration, a missing field, a reference to a phase or provider that does not
/// exist — becomes a <see cref="ScenarioException"/> whose one-line message names the file, line, column and field.
/// </summary>
/// <remarks>
/// The representation model is walked by hand rather than deserialised into classes, because only the node tree
/// keeps the line and column of every value, and pointing at the value is the point.
/// </remarks>
public static partial class ScenarioLoader
{
    private static readonly string[] TopKeys = ["name", "description", "seed", "providers", "timeline", "target", "load", "expect"];
    private static readonly string[] ProviderKeys = ["name", "kind", "port"];
    private static readonly string[] PhaseKeys = ["name", "duration", "faults"];
    private static readonly string[] TargetKeys = ["url"];
    private static readonly string[] LoadKeys = ["rate", "max_concurrency", "timeout", "request", "fallback"];
    private static readonly string[] RequestKeys = ["method", "path", "headers", "json"];
    private static readonly string[] FallbackKeys = ["header", "value"];
    private static readonly string[] HttpMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    /// <summary>Keys every fault takes; any other key of a fault is a setting of its kind.</summary>
    public static IReadOnlyList<string> FaultWrapperKeys { get; } = ["kind", "provider", "rate"];

    /// <summary>Default seed when a scenario names none.</summary>
    public const int DefaultSeed = 1;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    /// <summary>Reads the scenario at <paramref name="path"/>.</summary>
    /// <param name="path">Path of the YAML file.</param>
    /// <param name="faults">Fault kinds to check fault settings against; <see langword="null"/> checks only the shared fault keys.</param>
    /// <param name="ct">Cancels the read.</param>
    public static async Task<Scenario> LoadAsync(string path, IFaultCatalog? faults, CancellationToken ct = default)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var problem = e is FileNotFoundException or DirectoryNotFoundException
                ? "file not found; check the path (scenarios live in scenarios/*.yaml)"
                : $"cannot read the file: {e.Message}";
            throw new ScenarioException(new SourceLocation(path, 0, 0), "", problem);
        }
        return Parse(text, path, faults);
    }

    /// <summary>Parses scenario YAML already in memory.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="file">File name to show in error messages.</param>
    /// <param name="faults">Fault kinds to check fault settings against; <see langword="null"/> checks only the shared fault keys.</param>
    public static Scenario Parse(string yaml, string file, IFaultCatalog? faults)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            var message = (e.InnerException?.Message ?? e.Message).Split('\n')[0].TrimEnd('.');
            throw new ScenarioException(new SourceLocation(file, (int)e.Start.Line, (int)e.Start.Column), "", $"invalid YAML: {message}");
        }
        if (stream.Documents.Count == 0)
            throw new ScenarioException(new SourceLocation(file, 1, 1), "", "the file is empty; a scenario needs at least name, timeline and load");
        if (stream.Documents[0].RootNode is not YamlMappingNode rootNode)
            throw new ScenarioException(new SourceLocation(file, 1, 1), "", "a scenario file must be a mapping of name, timeline, load, ...");

        var root = new YamlMap(rootNode, file, "", TopKeys);
        var name = root.RequiredString("name");
        if (!NamePattern().IsMatch(name))
            throw new ScenarioException(root.LocationOf("name"), "name", $"'{name}' is not a valid name; use letters, digits, '-' and '_' (it names the report folder)");

        var providers = ReadProviders(root);
        var timeline = ReadTimeline(root, providers, faults);
        var phaseNames = timeline.Select(p => p.Name).ToArray();

        return new Scenario
        {
            Name = name,
            Description = root.OptionalString("description"),
            Seed = root.OptionalInt("seed", DefaultSeed),
            Providers = providers,
            Timeline = timeline,
            Target = ReadTarget(root),
            Load = ReadLoad(root),
            Expectations = ReadExpectations(root, phaseNames),
            SourcePath = file,
        };
    }

    private static List<ProviderSpec> ReadProviders(YamlMap root)
    {
        var list = new List<ProviderSpec>();
        var sequence = root.RequiredSequence("providers");
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var map = root.AsMap(sequence.Children[i], $"providers[{i}]", ProviderKeys);
            var name = map.RequiredString("name");
            if (!NamePattern().IsMatch(name))
                throw new ScenarioException(map.LocationOf("name"), map.FieldPath("name"), $"'{name}' is not a valid name; use letters, digits, '-' and '_'");
            if (list.Any(p => p.Name == name))
                throw new ScenarioException(map.LocationOf("name"), map.FieldPath("name"), $"a provider named '{name}' is already declared");

            var kindText = map.RequiredString("kind");
            var kinds = Enum.GetNames<ProviderKind>().Select(k => k.ToLowerInvariant()).ToArray();
            if (!Enum.TryParse<ProviderKind>(kindText, ignoreCase: true, out var kind) || !kinds.Contains(kindText.ToLowerInvariant()))
            {
                var hint = NearMiss.Suggest(kindText, kinds);
                throw new ScenarioException(map.LocationOf("kind"), map.FieldPath("kind"), hint is null
                    ? $"unknown provider kind '{kindText}'; supported: {string.Join(", ", kinds)}"
                    : $"unknown provider kind '{kindText}'; did you mean '{hint}'?");
            }

            var port = map.OptionalInt("port", 0);
            if (port is < 0 or > 65535)
                throw new ScenarioException(map.LocationOf("port"), map.FieldPath("port"), $"{port} is not a port; use 1-65535, or 0 for a free one");
            list.Add(new ProviderSpec(name, kind, port, map.Location));
        }
        if (list.Count == 0)
            throw new ScenarioException(root.LocationOf("providers"), "providers", "declare at least one provider, e.g. '- name: claude' with 'kind: anthropic'");
        return list;
    }

    private static List<PhaseSpec> ReadTimeline(YamlMap root, IReadOnlyList<ProviderSpec> providers, IFaultCatalog? catalog)
    {
        var phases = new List<PhaseSpec>();
        var sequence = root.RequiredSequence("timeline");
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var map = root.AsMap(sequence.Children[i], $"timeline[{i}]", PhaseKeys);
            var name = map.RequiredString("name");
            if (!NamePattern().IsMatch(name))
                throw new ScenarioException(map.LocationOf("name"), map.FieldPath("name"), $"'{name}' is not a valid phase name; use letters, digits, '-' and '_'");
            if (phases.Any(p => p.Name == name))
                throw new ScenarioException(map.LocationOf("name"), map.FieldPath("name"), $"a phase named '{name}' already exists; phase names must be unique");
            var duration = map.RequiredDuration("duration");
            if (duration <= TimeSpan.Zero)
                throw new ScenarioException(map.LocationOf("duration"), map.FieldPath("duration"), "a phase must last longer than 0s");

            var faults = new List<FaultSpec>();
            if (map.OptionalSequence("faults") is { } faultNodes)
            {
                for (var f = 0; f < faultNodes.Children.Count; f++)
                    faults.Add(ReadFault(map, faultNodes.Children[f], $"{map.Path}.faults[{f}]", providers, catalog));
            }
            phases.Add(new PhaseSpec(name, duration, faults, map.Location));
        }
        if (phases.Count == 0)
            throw new ScenarioException(root.LocationOf("timeline"), "timeline", "declare at least one phase, e.g. '- name: baseline' with 'duration: 30s'");
        return phases;
    }

    private static FaultSpec ReadFault(YamlMap parent, YamlNode node, string path, IReadOnlyList<ProviderSpec> providers, IFaultCatalog? catalog)
    {
        if (node is not YamlMappingNode mapping)
            throw new ScenarioException(parent.Where(node), path, $"expected a fault mapping with kind, rate, ..., got {YamlMap.Describe(node)}");

        // Every key is allowed here: the wrapper reads its own, and the rest go to the fault kind, which rejects
        // what it does not know (with a suggestion) when the catalog validates it below.
        var allKeys = mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "").ToArray();
        var map = new YamlMap(mapping, parent.File, path, allKeys);

        var kind = map.RequiredString("kind");
        if (catalog is not null && !catalog.Kinds.Contains(kind))
        {
            var hint = NearMiss.Suggest(kind, catalog.Kinds);
            throw new ScenarioException(map.LocationOf("kind"), map.FieldPath("kind"), hint is null
                ? $"unknown fault kind '{kind}'; known kinds: {string.Join(", ", catalog.Kinds.Order(StringComparer.Ordinal))}"
                : $"unknown fault kind '{kind}'; did you mean '{hint}'?");
        }

        var provider = map.OptionalString("provider");
        if (provider is not null && providers.All(p => p.Name != provider))
        {
            var names = providers.Select(p => p.Name).ToArray();
            var hint = NearMiss.Suggest(provider, names);
            throw new ScenarioException(map.LocationOf("provider"), map.FieldPath("provider"), hint is null
                ? $"no provider named '{provider}'; providers are: {string.Join(", ", names)}"
                : $"no provider named '{provider}'; did you mean '{hint}'?");
        }

        var rate = map.OptionalDouble("rate", 1.0, 0, 1);
        var settings = new Dictionary<string, ScalarSetting>(StringComparer.Ordinal);
        foreach (var key in map.Keys.Where(k => !FaultWrapperKeys.Contains(k)))
            settings[key] = new ScalarSetting(map.Scalar(key, map.RequiredNode(key)), map.LocationOf(key));

        var spec = new FaultSpec(kind, provider, rate, new FaultSettings(path, settings, map.Location), map.Location);
        catalog?.Validate(spec);
        return spec;
    }

    private static TargetSpec ReadTarget(YamlMap root)
    {
        var map = root.OptionalMap("target", TargetKeys);
        if (map?.OptionalString("url") is not { } text) return new TargetSpec(null, map?.Location ?? root.Location);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            throw new ScenarioException(map.LocationOf("url"), map.FieldPath("url"), $"'{text}' is not an http(s) URL, e.g. http://127.0.0.1:5000");
        return new TargetSpec(url, map.Location);
    }

    private static LoadSpec ReadLoad(YamlMap root)
    {
        var map = root.RequiredMap("load", LoadKeys);
        var rate = map.RequiredDouble("rate", 0.001, 100_000);
        var maxConcurrency = map.OptionalInt("max_concurrency", 1_000);
        if (maxConcurrency < 1)
            throw new ScenarioException(map.LocationOf("max_concurrency"), map.FieldPath("max_concurrency"), "must be at least 1");
        var timeout = map.OptionalDuration("timeout", TimeSpan.FromSeconds(30));
        if (timeout <= TimeSpan.Zero)
            throw new ScenarioException(map.LocationOf("timeout"), map.FieldPath("timeout"), "must be longer than 0s");

        var request = ReadRequest(map.RequiredMap("request", RequestKeys));
        FallbackMarker? fallback = null;
        if (map.OptionalMap("fallback", FallbackKeys) is { } fb)
            fallback = new FallbackMarker(fb.RequiredString("header"), fb.RequiredString("value"));
        return new LoadSpec(rate, maxConcurrency, timeout, request, fallback, map.Location);
    }

    private static RequestTemplate ReadRequest(YamlMap map)
    {
        var method = (map.OptionalString("method") ?? "GET").ToUpperInvariant();
        if (!HttpMethods.Contains(method))
            throw new ScenarioException(map.LocationOf("method"), map.FieldPath("method"), $"'{method}' is not supported; use one of {string.Join(", ", HttpMethods)}");
        var path = map.RequiredString("path");
        if (!path.StartsWith('/'))
            throw new ScenarioException(map.LocationOf("path"), map.FieldPath("path"), $"'{path}' must start with '/', e.g. /api/ask");

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (map.Node("headers") is { } headerNode)
        {
            if (headerNode is not YamlMappingNode headerMap)
                throw new ScenarioException(map.Where(headerNode), map.FieldPath("headers"), $"expected a mapping of header names to values, got {YamlMap.Describe(headerNode)}");
            foreach (var (k, v) in headerMap.Children)
            {
                var key = ((YamlScalarNode)k).Value ?? "";
                headers[key] = map.Scalar($"headers.{key}", v);
            }
        }
        var json = map.Node("json") is { } jsonNode ? ToJsonTree(jsonNode) : null;
        return new RequestTemplate(method, path, headers, json, map.Location);
    }

    /// <summary>
    /// Turns a YAML node into a JSON-ready tree: mappings become ordered dictionaries, sequences lists, plain scalars
    /// that read as numbers, booleans or null become those, and every other scalar stays a string.
    /// </summary>
    private static object? ToJsonTree(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value ?? "", kv => ToJsonTree(kv.Value), StringComparer.Ordinal),
        YamlSequenceNode seq => seq.Children.Select(ToJsonTree).ToList(),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: var v } => PlainScalar(v),
        YamlScalarNode s => s.Value ?? "",
        _ => null,
    };

    private static object? PlainScalar(string? value) => value switch
    {
        null or "" or "~" or "null" => null,
        "true" => true,
        "false" => false,
        _ when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
        _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => value,
    };

    private static List<ExpectationSpec> ReadExpectations(YamlMap root, IReadOnlyCollection<string> phaseNames)
    {
        var list = new List<ExpectationSpec>();
        if (root.OptionalSequence("expect") is not { } sequence) return list;
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var node = sequence.Children[i];
            var field = $"expect[{i}]";
            var text = node is YamlScalarNode { Value: { } v } ? v
                : throw new ScenarioException(root.Where(node), field, $"expected a condition such as 'score >= 60', got {YamlMap.Describe(node)}");
            list.Add(ExpectationParser.Parse(text, phaseNames, field, root.Where(node)));
        }
        return list;
    }
}
