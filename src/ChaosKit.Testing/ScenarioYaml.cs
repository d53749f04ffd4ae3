using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace ChaosKit.Testing;

/// <summary>Writes what was built in C# as the YAML a scenario file holds, for the scenario loader to read and check.</summary>
internal static class ScenarioYaml
{
    /// <summary>One fault as a phase lists it: the wrapper keys first, then the kind's settings in the order given.</summary>
    public static YamlMappingNode Fault(ChaosFault fault)
    {
        var node = new YamlMappingNode { { "kind", fault.Kind } };
        if (fault.Provider is { } provider) node.Add("provider", provider);
        node.Add("rate", fault.RampFrom is { } from
            ? new YamlMappingNode { { "from", ScenarioText.Number(from) }, { "to", ScenarioText.Number(fault.Rate) } }
            : new YamlScalarNode(ScenarioText.Number(fault.Rate)));
        if (fault.RampOver is { } over) node.Add("ramp", ScenarioText.Duration(over));
        if (fault.Flap is var (on, off))
            node.Add("flap", new YamlMappingNode { { "on", ScenarioText.Duration(on) }, { "off", ScenarioText.Duration(off) } });
        if (fault.Route is { } route) node.Add("route", route);
        if (fault.Model is { } model) node.Add("model", model);
        foreach (var (key, value) in fault.Settings)
        {
            if (node.Children.ContainsKey(key))
                throw new ArgumentException($"The fault sets '{key}' twice: as a setting and through {nameof(ChaosFault)}'s own method for it.", nameof(fault));
            node.Add(key, value);
        }
        return node;
    }

    /// <summary>One provider entry.</summary>
    public static YamlMappingNode Provider(string name, string kind, ChaosProviderOptions options)
    {
        var node = new YamlMappingNode { { "name", name }, { "kind", kind } };
        if (options.Port != 0) node.Add("port", options.Port.ToString(CultureInfo.InvariantCulture));
        if (options.TimeToFirstToken is not null || options.TokensPerSecond is not null)
        {
            var streaming = new YamlMappingNode();
            if (options.TimeToFirstToken is { } ttft) streaming.Add("ttft", ScenarioText.Duration(ttft));
            if (options.TokensPerSecond is { } speed) streaming.Add("tokens_per_second", ScenarioText.Number(speed));
            node.Add("streaming", streaming);
        }
        if (options.ApiKeys.Count > 0) node.Add("api_keys", new YamlSequenceNode(options.ApiKeys.Select(k => new YamlScalarNode(k))));
        if (options.AutoToolCalls) node.Add("tool_calls", "auto");
        return node;
    }

    /// <summary>The text of <paramref name="root"/>, in block style.</summary>
    public static string Write(YamlNode root)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        var text = writer.ToString();
        // The emitter closes the document with "..."; a scenario file has no need of it.
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }
}
