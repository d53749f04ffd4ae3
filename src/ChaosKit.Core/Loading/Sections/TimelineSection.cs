using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using YamlDotNet.RepresentationModel;

namespace ChaosKit.Core.Loading.Sections;

/// <summary>
/// The phases read from a file. <paramref name="Complete"/> is false when a phase could not be named or timed: then
/// references to phase names go unchecked and <see cref="Duration"/> (the unscaled length) is not to be trusted.
/// </summary>
internal sealed record TimelineRead(List<PhaseSpec> Phases, bool Complete)
{
    public TimeSpan Duration => TimeSpan.FromTicks(Phases.Sum(p => p.Duration.Ticks));
}

/// <summary>Reads <c>timeline</c>: the phases and the faults active in each.</summary>
internal static class TimelineSection
{
    private static readonly string[] PhaseKeys = ["name", "duration", "faults"];

    private static readonly string[] RampKeys = ["from", "to"];
    private static readonly string[] FlapKeys = ["on", "off"];

    public static TimelineRead Read(YamlMap root, ProviderList providers, IFaultCatalog? catalog)
    {
        var phases = new List<PhaseSpec>();
        if (root.RequiredSequence("timeline") is not { } sequence) return new TimelineRead(phases, Complete: false);
        var complete = true;
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (root.AsMap(sequence.Children[i], $"timeline[{i}]", PhaseKeys) is not { } map)
            {
                complete = false;
                continue;
            }
            var name = map.RequiredString("name");
            if (name is null) complete = false;
            else if (!Names.Pattern().IsMatch(name))
                map.Report("name", $"'{name}' is not a valid phase name; use letters, digits, '-' and '_'");
            else if (phases.Any(p => p.Name == name))
                map.Report("name", $"a phase named '{name}' already exists; phase names must be unique");
            var duration = map.RequiredDuration("duration");
            if (duration is null) complete = false;
            else if (duration <= TimeSpan.Zero)
                map.Report("duration", "a phase must last longer than 0s");

            var faults = new List<FaultSpec>();
            if (map.OptionalSequence("faults") is { } faultNodes)
            {
                for (var f = 0; f < faultNodes.Children.Count; f++)
                {
                    if (ReadFault(map.Diagnostics, faultNodes.Children[f], $"{map.Path}.faults[{f}]", providers, catalog) is { } fault) faults.Add(fault);
                }
            }
            phases.Add(new PhaseSpec(name ?? "", duration ?? TimeSpan.Zero, faults, map.Location));
        }
        if (sequence.Children.Count == 0)
            root.Report("timeline", "declare at least one phase, e.g. '- name: baseline' with 'duration: 30s'");
        return new TimelineRead(phases, complete);
    }

    /// <summary>Reads one fault at <paramref name="path"/>; a timeline phase's, or one on its own (<see cref="ScenarioLoader.ParseFault"/>).</summary>
    public static FaultSpec? ReadFault(Diagnostics diagnostics, YamlNode node, string path, ProviderList providers, IFaultCatalog? catalog)
    {
        if (node is not YamlMappingNode mapping)
        {
            diagnostics.Report(new SourceLocation(diagnostics.File, (int)node.Start.Line, (int)node.Start.Column), path,
                $"expected a fault mapping with kind, rate, ..., got {YamlMap.Describe(node)}");
            return null;
        }

        // Every key is allowed here: the wrapper reads its own, and the rest go to the fault kind, which rejects
        // what it does not know (with a suggestion) when the catalog validates it below.
        var allKeys = mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "").ToArray();
        var map = new YamlMap(mapping, diagnostics, path, allKeys);
        var errors = map.Diagnostics.Count;

        var kind = map.RequiredString("kind");
        if (kind is not null && catalog is not null && !catalog.Kinds.Contains(kind))
        {
            var hint = NearMiss.Suggest(kind, catalog.Kinds);
            map.Report("kind", hint is null
                ? $"unknown fault kind '{kind}'; known kinds: {string.Join(", ", catalog.Kinds.Order(StringComparer.Ordinal))}"
                : $"unknown fault kind '{kind}'; did you mean '{hint}'?");
        }

        var provider = map.OptionalString("provider");
        if (provider is not null && providers.Complete && providers.Providers.All(p => p.Name != provider))
        {
            map.Report("provider", NearMiss.NoProviderNamed(provider, [.. providers.Providers.Select(p => p.Name)]));
        }

        var (rate, timing) = ReadTiming(map);
        var settings = new Dictionary<string, ScalarSetting>(StringComparer.Ordinal);
        foreach (var key in map.Keys.Where(k => !FaultSpec.WrapperKeys.Contains(k)))
        {
            if (map.Scalar(key, map.Node(key)!) is { } value) settings[key] = new ScalarSetting(value, map.LocationOf(key));
        }

        var spec = new FaultSpec(kind ?? "", provider, rate, new FaultSettings(path, settings, map.Location), map.Location)
        {
            Timing = timing,
            Route = map.OptionalString("route"),
            Model = map.OptionalString("model"),
        };
        // The kind checks its settings only when the wrapper read cleanly: an unknown kind has no settings to check.
        if (catalog is not null && map.Diagnostics.Count == errors)
        {
            try
            {
                catalog.Validate(spec);
            }
            catch (ScenarioException e)
            {
                map.Diagnostics.Report(e);
            }
        }
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
            var ramp = map.RequiredMap("rate", RampKeys)!;
            from = ramp.RequiredDouble("from", 0, 1) ?? 0;
            rate = ramp.RequiredDouble("to", 0, 1) ?? 1;
        }
        else rate = map.OptionalDouble("rate", 1.0, 0, 1);

        TimeSpan? over = null;
        if (map.Has("ramp"))
        {
            over = map.RequiredDuration("ramp");
            if (over <= TimeSpan.Zero)
            {
                map.Report("ramp", "a ramp must last longer than 0s");
                over = null;
            }
            if (over is not null) from ??= 0;
        }

        TimeSpan? on = null, off = null;
        if (map.OptionalMap("flap", FlapKeys) is { } flap)
        {
            on = flap.RequiredDuration("on");
            off = flap.RequiredDuration("off");
            if (on is { } o && off is { } f && (o <= TimeSpan.Zero || f < TimeSpan.Zero))
                flap.Diagnostics.Report(flap.Location, flap.Path, "flap needs on > 0s and off >= 0s, e.g. { on: 10s, off: 20s }");
            if (on is null || off is null || on <= TimeSpan.Zero || off < TimeSpan.Zero) (on, off) = (null, null);
        }
        return (rate, new FaultTiming { RampFrom = from, RampOver = over, FlapOn = on, FlapOff = off });
    }
}
