using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using YamlDotNet.RepresentationModel;

namespace ChaosKit.Core.Loading.Sections;

/// <summary>Reads <c>timeline</c>: the phases and the faults active in each.</summary>
internal static class TimelineSection
{
    private static readonly string[] PhaseKeys = ["name", "duration", "faults"];

    private static readonly string[] RampKeys = ["from", "to"];
    private static readonly string[] FlapKeys = ["on", "off"];

    public static List<PhaseSpec> Read(YamlMap root, IReadOnlyList<ProviderSpec> providers, IFaultCatalog? catalog)
    {
        var phases = new List<PhaseSpec>();
        var sequence = root.RequiredSequence("timeline");
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var map = root.AsMap(sequence.Children[i], $"timeline[{i}]", PhaseKeys);
            var name = map.RequiredString("name");
            if (!Names.Pattern().IsMatch(name))
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

        var (rate, timing) = ReadTiming(map);
        var settings = new Dictionary<string, ScalarSetting>(StringComparer.Ordinal);
        foreach (var key in map.Keys.Where(k => !FaultSpec.WrapperKeys.Contains(k)))
            settings[key] = new ScalarSetting(map.Scalar(key, map.RequiredNode(key)), map.LocationOf(key));

        var spec = new FaultSpec(kind, provider, rate, new FaultSettings(path, settings, map.Location), map.Location)
        {
            Timing = timing,
            Route = map.OptionalString("route"),
            Model = map.OptionalString("model"),
        };
        catalog?.Validate(spec);
        return spec;
    }

    /// <summary>
    /// Reads <c>rate</c> (a number, or <c>{ from, to }</c> for a ramp), <c>ramp</c> (how long the ramp takes; alone,
    /// it ramps from 0 to <c>rate</c>) and <c>flap</c> (<c>{ on, off }</c>).
    /// </summary>
    private static (double Rate, FaultTiming Timing) ReadTiming(YamlMap map)
    {
        double rate;
        double? from = null;
        if (map.Node("rate") is YamlMappingNode)
        {
            var ramp = map.RequiredMap("rate", RampKeys);
            from = ramp.RequiredDouble("from", 0, 1);
            rate = ramp.RequiredDouble("to", 0, 1);
        }
        else rate = map.OptionalDouble("rate", 1.0, 0, 1);

        TimeSpan? over = null;
        if (map.Has("ramp"))
        {
            over = map.RequiredDuration("ramp");
            if (over <= TimeSpan.Zero)
                throw new ScenarioException(map.LocationOf("ramp"), map.FieldPath("ramp"), "a ramp must last longer than 0s");
            from ??= 0;
        }

        TimeSpan? on = null, off = null;
        if (map.OptionalMap("flap", FlapKeys) is { } flap)
        {
            on = flap.RequiredDuration("on");
            off = flap.RequiredDuration("off");
            if (on <= TimeSpan.Zero || off < TimeSpan.Zero)
                throw new ScenarioException(flap.Location, flap.Path, "flap needs on > 0s and off >= 0s, e.g. { on: 10s, off: 20s }");
        }
        return (rate, new FaultTiming { RampFrom = from, RampOver = over, FlapOn = on, FlapOff = off });
    }
}
