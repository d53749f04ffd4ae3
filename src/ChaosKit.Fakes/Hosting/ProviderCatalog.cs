using ChaosKit.Core.Loading;
using ChaosKit.Core.Scenarios;
using ChaosKit.Fakes.Anthropic;
using ChaosKit.Fakes.AzureOpenAi;
using ChaosKit.Fakes.Gemini;
using ChaosKit.Fakes.OpenAi;

namespace ChaosKit.Fakes.Hosting;

/// <summary>
/// The providers the fakes can play, keyed by the kind scenarios write (<c>anthropic</c>, <c>openai</c>, ...). The
/// scenario loader checks every provider's kind against it, so a typo such as <c>antropic</c> fails validation with
/// "did you mean 'anthropic'?" before anything starts.
/// </summary>
public sealed class ProviderCatalog : IProviderCatalog
{
    private readonly Dictionary<string, IProviderDefinition> _providers = new(StringComparer.Ordinal);
    private readonly List<string> _kinds = [];

    internal ProviderCatalog(IEnumerable<IProviderDefinition> providers)
    {
        foreach (var provider in providers)
        {
            // Two providers with one kind would make scenarios ambiguous; fail at start-up, as the fault catalog does.
            if (!_providers.TryAdd(provider.Kind, provider))
                throw new InvalidOperationException($"Provider kind '{provider.Kind}' is registered twice.");
            _kinds.Add(provider.Kind);
        }
    }

    /// <summary>Every built-in provider, one line each.</summary>
    public static ProviderCatalog Default { get; } = new(
    [
        new AnthropicProvider(),
        new OpenAiProvider(),
        new GeminiProvider(),
        new AzureOpenAiProvider(),
    ]);

    /// <inheritdoc />
    public IReadOnlyCollection<string> Kinds => _kinds;

    /// <summary>The provider <paramref name="spec"/> declares, the <paramref name="index"/>th of its scenario.</summary>
    /// <exception cref="ScenarioException">No provider has its kind (a scenario built in code, as the loader checks files).</exception>
    internal IProviderDefinition Get(ProviderSpec spec, int index)
    {
        var kind = spec.Kind;
        if (_providers.TryGetValue(kind, out var provider)) return provider;
        var hint = NearMiss.Suggest(kind, _kinds);
        throw new ScenarioException(spec.Location, $"providers[{index}].kind", hint is null
            ? $"unknown provider kind '{kind}'; supported: {string.Join(", ", _kinds)}"
            : $"unknown provider kind '{kind}'; did you mean '{hint}'?");
    }
}
