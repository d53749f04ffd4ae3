using ChaosKit.Core.Scenarios;
using ChaosKit.Fakes.Hosting;

namespace ChaosKit.Runner.Targets;

/// <summary>
/// The environment variables that point an app's official SDK at the fakes, named as each SDK reads them
/// (<c>ANTHROPIC_BASE_URL</c>, <c>OPENAI_BASE_URL</c>, <c>GEMINI_BASE_URL</c>, <c>AZURE_OPENAI_ENDPOINT</c>). A key is included because SDKs refuse to send without
/// one: the scenario's first <c>api_keys</c> entry when it lists any, else a dummy (the fakes then accept any key).
/// </summary>
public static class ProviderEnvironment
{
    /// <summary>Variables for every fake, in scenario order; later providers of the same kind do not override earlier ones.</summary>
    public static IReadOnlyDictionary<string, string> For(IEnumerable<RunningFake> fakes)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var fake in fakes)
        {
            foreach (var (name, value) in For(fake)) variables.TryAdd(name, value);
        }
        return variables;
    }

    /// <summary>
    /// The variable that carries <paramref name="provider"/>'s fake status page URL, e.g.
    /// <c>CHAOSKIT_STATUS_PAGE_CLAUDE</c> (append <c>/api/v2/status.json</c> to its value).
    /// </summary>
    public static string StatusPageVariable(string provider) =>
        "CHAOSKIT_STATUS_PAGE_" + string.Concat(provider.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_'));

    private static IEnumerable<(string Name, string Value)> For(RunningFake fake)
    {
        // SDKs append their own paths (/v1/messages); a trailing slash would double it.
        var baseUrl = fake.BaseUrl.ToString().TrimEnd('/');
        switch (fake.Kind)
        {
            case ProviderKind.Anthropic:
                yield return ("ANTHROPIC_BASE_URL", baseUrl);
                yield return ("ANTHROPIC_API_KEY", fake.ApiKey ?? "sk-ant-chaoskit-fake-key");
                break;
            case ProviderKind.OpenAi:
                // The OpenAI SDKs expect the base URL to include /v1 and append chat/completions to it.
                yield return ("OPENAI_BASE_URL", baseUrl + "/v1");
                yield return ("OPENAI_API_KEY", fake.ApiKey ?? "sk-proj-chaoskit-fake-key");
                break;
            case ProviderKind.Gemini:
                // The Google SDKs take the host and append /v1beta/models/...
                yield return ("GEMINI_BASE_URL", baseUrl);
                yield return ("GEMINI_API_KEY", fake.ApiKey ?? "chaoskit-fake-gemini-key");
                break;
            case ProviderKind.AzureOpenAi:
                // Azure.AI.OpenAI takes the resource endpoint and appends /openai/deployments/...; an app on Azure's v1
                // surface appends openai/v1/ to it and uses the plain OpenAI client.
                yield return ("AZURE_OPENAI_ENDPOINT", baseUrl + "/");
                yield return ("AZURE_OPENAI_API_KEY", fake.ApiKey ?? "chaoskit-fake-azure-key");
                break;
            default:
                throw new NotSupportedException($"No environment mapping for provider kind {fake.Kind}.");
        }
    }
}
