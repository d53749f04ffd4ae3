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

    /// <summary>Reads the section; <paramref name="timeline"/> is the scenario's (unscaled) length, which bounds every profile.</summary>
    public static LoadSpec Read(YamlMap root, ISimulationCatalog? catalog, TimeSpan timeline)
    {
        var map = root.RequiredMap("load", LoadKeys);
        if (map.Has("workflows")) return ReadWorkflows(map, catalog, timeline);
        var (rate, simulations) = ReadProfile(map, catalog, timeline);
        var (maxConcurrency, timeout) = ReadLimits(map);

        var request = ReadRequest(map.RequiredMap("request", RequestKeys));
        FallbackMarker? fallback = null;
        if (map.OptionalMap("fallback", FallbackKeys) is { } fb)
            fallback = new FallbackMarker(fb.RequiredString("header"), fb.RequiredString("value"));
        return new LoadSpec(rate, maxConcurrency, timeout, request, fallback, map.Location)
        {
            Simulations = simulations,
            Overload = ReadOverload(map),
            CorrelationHeader = map.OptionalMap("correlation", CorrelationKeys)?.RequiredString("header"),
        };
    }

    /// <summary><c>load.workflows</c>: several multi-step workflows instead of the one-step <c>request</c>.</summary>
    private static LoadSpec ReadWorkflows(YamlMap map, ISimulationCatalog? catalog, TimeSpan timeline)
    {
        foreach (var single in new[] { "request", "rate", "simulations" })
        {
            if (map.Has(single))
                throw new ScenarioException(map.LocationOf(single), map.FieldPath(single),
                    $"'{single}' belongs inside each workflow when 'workflows' is given; move it into load.workflows[i] (or drop 'workflows' for a one-request load)");
        }
        var workflows = WorkflowsSection.Read(map, catalog, timeline);
        var (maxConcurrency, timeout) = ReadLimits(map);
        FallbackMarker? fallback = null;
        if (map.OptionalMap("fallback", FallbackKeys) is { } fb)
            fallback = new FallbackMarker(fb.RequiredString("header"), fb.RequiredString("value"));
        return new LoadSpec(workflows.Sum(w => w.RatePerSecond), maxConcurrency, timeout, workflows[0].Steps[0].Request, fallback, map.Location)
        {
            Workflows = workflows,
            Overload = ReadOverload(map),
            CorrelationHeader = map.OptionalMap("correlation", CorrelationKeys)?.RequiredString("header"),
        };
    }

    private static (int MaxConcurrency, TimeSpan Timeout) ReadLimits(YamlMap map)
    {
        var maxConcurrency = map.OptionalInt("max_concurrency", 1_000);
        if (maxConcurrency < 1)
            throw new ScenarioException(map.LocationOf("max_concurrency"), map.FieldPath("max_concurrency"), "must be at least 1");
        var timeout = map.OptionalDuration("timeout", TimeSpan.FromSeconds(30));
        if (timeout <= TimeSpan.Zero)
            throw new ScenarioException(map.LocationOf("timeout"), map.FieldPath("timeout"), "must be longer than 0s");
        if (timeout > LoadSpec.MaxTimeout)
            throw new ScenarioException(map.LocationOf("timeout"), map.FieldPath("timeout"), $"must be at most {LoadSpec.MaxTimeout.TotalHours:0}h, the longest latency the run measures");
        return (maxConcurrency, timeout);
    }

    /// <summary><c>rate</c> (one inject over the timeline) or <c>simulations</c>, exactly one of them.</summary>
    internal static (double Rate, IReadOnlyList<LoadSimulation> Simulations) ReadProfile(YamlMap map, ISimulationCatalog? catalog, TimeSpan timeline)
    {
        if (map.Has("rate") && map.Has("simulations"))
            throw new ScenarioException(map.LocationOf("simulations"), map.FieldPath("simulations"),
                "give either 'rate' (one inject over the whole timeline) or 'simulations', not both");
        if (!map.Has("simulations"))
        {
            var rate = map.RequiredDouble("rate", 0.001, LoadSimulations.MaxRatePerSecond);
            CheckArrivals(map, "rate", rate, timeline);
            return (rate, []);
        }

        var simulations = LoadSimulationsSection.Read(map, catalog);
        var peak = simulations.Max(s => s.PeakRatePerSecond);
        CheckArrivals(map, "simulations", peak, timeline);
        return (peak, simulations);
    }

    // No rate of a profile exceeds its peak, and nothing is scheduled past the timeline: peak × timeline bounds its count.
    private static void CheckArrivals(YamlMap map, string key, double peakPerSecond, TimeSpan timeline)
    {
        var most = peakPerSecond * timeline.TotalSeconds;
        if (most > LoadSimulations.MaxArrivals)
            throw new ScenarioException(map.LocationOf(key), map.FieldPath(key), string.Create(CultureInfo.InvariantCulture,
                $"{peakPerSecond:0.###} a second over the {timeline.TotalSeconds:0.###}s timeline could schedule {most:0} iterations; the limit is {LoadSimulations.MaxArrivals}"));
    }

    private static OverloadPolicy ReadOverload(YamlMap map)
    {
        var text = map.OptionalString("overload");
        if (text is null) return OverloadPolicy.Drop;
        if (!OverloadPolicies.Contains(text))
        {
            var hint = NearMiss.Suggest(text, OverloadPolicies);
            throw new ScenarioException(map.LocationOf("overload"), map.FieldPath("overload"),
                $"'{text}' is not a policy; use drop (count arrivals over max_concurrency as dropped) or grow (let concurrency grow){(hint is null ? "" : $"; did you mean '{hint}'?")}");
        }
        return text == "grow" ? OverloadPolicy.Grow : OverloadPolicy.Drop;
    }

    internal static readonly string[] RequestFields = RequestKeys;

    internal static RequestTemplate ReadRequest(YamlMap map)
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
}
