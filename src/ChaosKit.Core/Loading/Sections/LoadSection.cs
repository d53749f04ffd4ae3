using System.Globalization;
using ChaosKit.Core.Scenarios;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChaosKit.Core.Loading.Sections;

/// <summary>Reads <c>load</c>: the traffic driven through the target.</summary>
internal static class LoadSection
{
    private static readonly string[] LoadKeys = ["rate", "simulations", "overload", "max_concurrency", "timeout", "correlation", "request", "fallback", "workflows"];
    private static readonly string[] CorrelationKeys = ["header"];
    private static readonly string[] OverloadPolicies = ["drop", "grow"];
    private static readonly string[] RequestKeys = ["method", "path", "headers", "json"];
    private static readonly string[] FallbackKeys = ["header", "value"];
    private static readonly string[] HttpMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"];
    private const int DefaultMaxConcurrency = 1_000;
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Reads the section; <see langword="null"/> when it has a problem that leaves no load to run (recorded).
    /// <paramref name="timeline"/> is the scenario's (unscaled) length, which bounds every profile; <see langword="null"/>
    /// when the timeline could not be read, which leaves that bound unchecked.
    /// </summary>
    public static LoadSpec? Read(YamlMap root, ISimulationCatalog? catalog, TimeSpan? timeline)
    {
        if (root.RequiredMap("load", LoadKeys) is not { } map) return null;
        if (map.Has("workflows")) return ReadWorkflows(map, catalog, timeline);
        // A misspelt 'workflows' is reported as such; reading the rest as a one-request load would only add echoes.
        if (map.Misspelt("workflows")) return null;
        var profile = ReadProfile(map, catalog, timeline);
        var (maxConcurrency, timeout) = ReadLimits(map);
        var request = map.RequiredMap("request", RequestKeys) is { } requestMap ? ReadRequest(requestMap) : null;
        var fallback = ReadFallback(map);
        var overload = ReadOverload(map);
        var correlation = ReadCorrelation(map);
        if (profile is not var (rate, simulations) || request is null) return null;
        return new LoadSpec(rate, maxConcurrency, timeout, request, fallback, map.Location)
        {
            Simulations = simulations,
            Overload = overload,
            CorrelationHeader = correlation,
        };
    }

    /// <summary><c>load.workflows</c>: several multi-step workflows instead of the one-step <c>request</c>.</summary>
    private static LoadSpec? ReadWorkflows(YamlMap map, ISimulationCatalog? catalog, TimeSpan? timeline)
    {
        foreach (var single in new[] { "request", "rate", "simulations" })
        {
            if (map.Has(single))
                map.Report(single,
                    $"'{single}' belongs inside each workflow when 'workflows' is given; move it into load.workflows[i] (or drop 'workflows' for a one-request load)");
        }
        var workflows = WorkflowsSection.Read(map, catalog, timeline);
        var (maxConcurrency, timeout) = ReadLimits(map);
        var fallback = ReadFallback(map);
        var overload = ReadOverload(map);
        var correlation = ReadCorrelation(map);
        if (workflows is null) return null;
        return new LoadSpec(workflows.Sum(w => w.RatePerSecond), maxConcurrency, timeout, workflows[0].Steps[0].Request, fallback, map.Location)
        {
            Workflows = workflows,
            Overload = overload,
            CorrelationHeader = correlation,
        };
    }

    private static FallbackMarker? ReadFallback(YamlMap map) =>
        map.OptionalMap("fallback", FallbackKeys) is { } fb && fb.RequiredString("header") is { } header && fb.RequiredString("value") is { } value
            ? new FallbackMarker(header, value)
            : null;

    private static string? ReadCorrelation(YamlMap map) => map.OptionalMap("correlation", CorrelationKeys)?.RequiredString("header");

    private static (int MaxConcurrency, TimeSpan Timeout) ReadLimits(YamlMap map)
    {
        var maxConcurrency = map.OptionalInt("max_concurrency", DefaultMaxConcurrency);
        if (maxConcurrency < 1)
        {
            map.Report("max_concurrency", "must be at least 1");
            maxConcurrency = DefaultMaxConcurrency;
        }
        var timeout = map.OptionalDuration("timeout", DefaultTimeout);
        if (timeout <= TimeSpan.Zero)
            map.Report("timeout", "must be longer than 0s");
        else if (timeout > LoadSpec.MaxTimeout)
            map.Report("timeout", $"must be at most {LoadSpec.MaxTimeout.TotalHours:0}h, the longest latency the run measures");
        return (maxConcurrency, timeout);
    }

    /// <summary>
    /// <c>rate</c> (one inject over the timeline) or <c>simulations</c>, exactly one of them; <see langword="null"/>
    /// when neither reads cleanly (recorded).
    /// </summary>
    internal static (double Rate, IReadOnlyList<LoadSimulation> Simulations)? ReadProfile(YamlMap map, ISimulationCatalog? catalog, TimeSpan? timeline)
    {
        if (map.Has("rate") && map.Has("simulations"))
        {
            map.Report("simulations", "give either 'rate' (one inject over the whole timeline) or 'simulations', not both");
            return null;
        }
        if (!map.Has("simulations"))
        {
            if (map.RequiredDouble("rate", 0.001, LoadSimulations.MaxRatePerSecond) is not { } rate) return null;
            CheckArrivals(map, "rate", rate, timeline);
            return (rate, []);
        }

        if (LoadSimulationsSection.Read(map, catalog) is not { } simulations) return null;
        var peak = simulations.Max(s => s.PeakRatePerSecond);
        CheckArrivals(map, "simulations", peak, timeline);
        return (peak, simulations);
    }

    // No rate of a profile exceeds its peak, and nothing is scheduled past the timeline: peak × timeline bounds its count.
    private static void CheckArrivals(YamlMap map, string key, double peakPerSecond, TimeSpan? timeline)
    {
        if (timeline is not { } length) return;
        var most = peakPerSecond * length.TotalSeconds;
        if (most > LoadSimulations.MaxArrivals)
            map.Report(key, string.Create(CultureInfo.InvariantCulture,
                $"{peakPerSecond:0.###} a second over the {length.TotalSeconds:0.###}s timeline could schedule {most:0} iterations; the limit is {LoadSimulations.MaxArrivals}"));
    }

    private static OverloadPolicy ReadOverload(YamlMap map)
    {
        var text = map.OptionalString("overload");
        if (text is null) return OverloadPolicy.Drop;
        if (!OverloadPolicies.Contains(text))
        {
            var hint = NearMiss.Suggest(text, OverloadPolicies);
            map.Report("overload",
                $"'{text}' is not a policy; use drop (count arrivals over max_concurrency as dropped) or grow (let concurrency grow){(hint is null ? "" : $"; did you mean '{hint}'?")}");
        }
        return text == "grow" ? OverloadPolicy.Grow : OverloadPolicy.Drop;
    }

    internal static readonly string[] RequestFields = RequestKeys;

    /// <summary>The request, or <see langword="null"/> when it has no usable path (recorded).</summary>
    internal static RequestTemplate? ReadRequest(YamlMap map)
    {
        var method = (map.OptionalString("method") ?? "GET").ToUpperInvariant();
        if (!HttpMethods.Contains(method))
            map.Report("method", $"'{method}' is not supported; use one of {string.Join(", ", HttpMethods)}");
        var path = map.RequiredString("path");
        if (path is not null && path.Any(char.IsControl))
            map.Report("path", "holds a line break or another control character; a path is one line, e.g. /api/ask (escape other characters as %XX)");
        else if (path is not null && !path.StartsWith('/'))
            map.Report("path", $"'{path}' must start with '/', e.g. /api/ask");

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (map.Node("headers") is { } headerNode)
        {
            if (headerNode is not YamlMappingNode headerMap)
                map.Report(headerNode, map.FieldPath("headers"), $"expected a mapping of header names to values, got {YamlMap.Describe(headerNode)}");
            else
            {
                foreach (var (k, v) in headerMap.Children)
                {
                    var key = (k as YamlScalarNode)?.Value ?? "";
                    if (map.Scalar($"headers.{key}", v) is { } value) headers[key] = value;
                }
            }
        }
        var json = map.Node("json") is { } jsonNode ? ToJsonTree(jsonNode) : null;
        return path is null ? null : new RequestTemplate(method, path, headers, json, map.Location);
    }

    /// <summary>
    /// Turns a YAML node into a JSON-ready tree: mappings become ordered dictionaries, sequences lists, plain scalars
    /// that read as numbers, booleans or null become those, and every other scalar stays a string.
    /// </summary>
    private static object? ToJsonTree(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.ToDictionary(kv => (kv.Key as YamlScalarNode)?.Value ?? "", kv => ToJsonTree(kv.Value), StringComparer.Ordinal),
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
}
