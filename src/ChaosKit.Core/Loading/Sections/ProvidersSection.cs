using ChaosKit.Core.Scenarios;

namespace ChaosKit.Core.Loading.Sections;

/// <summary>Reads <c>providers</c>: the fake providers to start.</summary>
internal static class ProvidersSection
{
    private static readonly string[] ProviderKeys = ["name", "kind", "port"];

    public static List<ProviderSpec> Read(YamlMap root)
    {
        var list = new List<ProviderSpec>();
        var sequence = root.RequiredSequence("providers");
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var map = root.AsMap(sequence.Children[i], $"providers[{i}]", ProviderKeys);
            var name = map.RequiredString("name");
            if (!Names.Pattern().IsMatch(name))
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
}
