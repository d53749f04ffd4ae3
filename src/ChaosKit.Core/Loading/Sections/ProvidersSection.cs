using ChaosKit.Core.Scenarios;
using YamlDotNet.RepresentationModel;

namespace ChaosKit.Core.Loading.Sections;

/// <summary>The providers read from a file; <paramref name="Complete"/> is false when one could not be named, so references to it go unchecked.</summary>
internal sealed record ProviderList(List<ProviderSpec> Providers, bool Complete);

/// <summary>Reads <c>providers</c>: the fake providers to start.</summary>
internal static class ProvidersSection
{
    private static readonly string[] ProviderKeys = ["name", "kind", "port", "streaming", "api_keys", "status_page", "tool_calls"];
    private static readonly string[] ToolCallModes = ["forced", "auto"];
    private static readonly string[] StatusPageKeys = ["lag", "mode"];
    private static readonly string[] StatusPageModes = ["follow", "always_operational"];
    private static readonly string[] StreamingKeys = ["ttft", "tokens_per_second", "jitter"];

    public static ProviderList Read(YamlMap root, IProviderCatalog? catalog)
    {
        var list = new List<ProviderSpec>();
        if (root.RequiredSequence("providers") is not { } sequence) return new ProviderList(list, Complete: false);
        var complete = true;
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (root.AsMap(sequence.Children[i], $"providers[{i}]", ProviderKeys) is not { } map)
            {
                complete = false;
                continue;
            }
            var name = map.RequiredString("name");
            if (name is null) complete = false;
            else if (!Names.Pattern().IsMatch(name))
                map.Report("name", $"'{name}' is not a valid name; use letters, digits, '-' and '_'");
            else if (list.Any(p => p.Name == name))
                map.Report("name", $"a provider named '{name}' is already declared");

            var kind = ReadKind(map, catalog);
            var port = map.OptionalInt("port", 0);
            if (port is < 0 or > 65535)
                map.Report("port", $"{port} is not a port; use 1-65535, or 0 for a free one");
            list.Add(new ProviderSpec(name ?? "", kind, port, map.Location)
            {
                Streaming = ReadStreaming(map),
                ApiKeys = ReadApiKeys(map),
                StatusPage = ReadStatusPage(map),
                AutoToolCalls = ReadToolCalls(map),
            });
        }
        if (sequence.Children.Count == 0)
            root.Report("providers", "declare at least one provider, e.g. '- name: claude' with 'kind: anthropic'");
        return new ProviderList(list, complete);
    }

    // Without a catalog any kind written is taken; the fakes check it when they start.
    private static string ReadKind(YamlMap map, IProviderCatalog? catalog)
    {
        var kind = map.RequiredString("kind");
        if (kind is null) return "";
        if (catalog is null && kind.Length == 0)
            map.Report("kind", "missing required field; write the provider's kind, e.g. anthropic");
        if (catalog is null || catalog.Kinds.Contains(kind, StringComparer.Ordinal)) return kind;
        var hint = NearMiss.Suggest(kind, catalog.Kinds);
        map.Report("kind", hint is null
            ? $"unknown provider kind '{kind}'; supported: {string.Join(", ", catalog.Kinds)}"
            : $"unknown provider kind '{kind}'; did you mean '{hint}'?");
        return kind;
    }

    private static StreamingSpec ReadStreaming(YamlMap provider)
    {
        if (provider.OptionalMap("streaming", StreamingKeys) is not { } map) return StreamingSpec.Default;
        var ttft = map.OptionalDuration("ttft", StreamingSpec.DefaultTimeToFirstToken);
        var speed = map.OptionalDouble("tokens_per_second", StreamingSpec.DefaultTokensPerSecond, 0.001, 1_000_000);
        var jitter = map.OptionalDouble("jitter", StreamingSpec.DefaultJitter, 0, 1);
        return new StreamingSpec(ttft, speed, jitter);
    }

    private static StatusPageSpec ReadStatusPage(YamlMap provider)
    {
        if (provider.OptionalMap("status_page", StatusPageKeys) is not { } map) return StatusPageSpec.Prompt;
        var lag = map.OptionalDuration("lag", TimeSpan.Zero);
        var mode = map.OptionalString("mode") ?? "follow";
        if (!StatusPageModes.Contains(mode))
        {
            var hint = NearMiss.Suggest(mode, StatusPageModes);
            map.Report("mode", hint is null
                ? $"unknown mode '{mode}'; use follow or always_operational"
                : $"unknown mode '{mode}'; did you mean '{hint}'?");
        }
        return new StatusPageSpec(lag, mode == "always_operational");
    }

    private static bool ReadToolCalls(YamlMap provider)
    {
        var mode = provider.OptionalString("tool_calls") ?? "forced";
        if (ToolCallModes.Contains(mode)) return mode == "auto";
        var hint = NearMiss.Suggest(mode, ToolCallModes);
        provider.Report("tool_calls", hint is null
            ? $"unknown tool_calls '{mode}'; use forced (only a forced tool_choice calls a tool) or auto (a tool call when the model may choose)"
            : $"unknown tool_calls '{mode}'; did you mean '{hint}'?");
        return false;
    }

    private static IReadOnlyList<string> ReadApiKeys(YamlMap provider)
    {
        if (provider.OptionalSequence("api_keys") is not { } sequence) return [];
        var keys = new List<string>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (sequence.Children[i] is YamlScalarNode { Value: { Length: > 0 } key }) keys.Add(key);
            else provider.Report(sequence.Children[i], $"{provider.FieldPath("api_keys")}[{i}]", "expected a non-empty key");
        }
        if (sequence.Children.Count == 0)
            provider.Report("api_keys", "the list is empty; list at least one key, or remove api_keys to accept any non-empty key");
        return keys;
    }
}
