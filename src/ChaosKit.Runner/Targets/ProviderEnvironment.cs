using ChaosKit.Fakes.Hosting;

namespace ChaosKit.Runner.Targets;

/// <summary>
/// The environment variables that point an app's official SDK at the fakes, named as each SDK reads them
/// (<c>ANTHROPIC_BASE_URL</c>, <c>OPENAI_BASE_URL</c>, <c>GEMINI_BASE_URL</c>, <c>AZURE_OPENAI_ENDPOINT</c>), as each
/// provider defines them (<see cref="RunningFake.SdkVariables"/>). A key is included because SDKs refuse to send
/// without one: the scenario's first <c>api_keys</c> entry when it lists any, else a dummy (the fakes then accept any key).
/// </summary>
public static class ProviderEnvironment
{
    /// <summary>Variables for every fake, in scenario order; later providers of the same kind do not override earlier ones.</summary>
    public static IReadOnlyDictionary<string, string> For(IEnumerable<RunningFake> fakes)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var fake in fakes)
        {
            foreach (var (name, value) in fake.SdkVariables) variables.TryAdd(name, value);
        }
        return variables;
    }

    /// <summary>
    /// The variable that carries <paramref name="provider"/>'s fake status page URL, e.g.
    /// <c>CHAOSKIT_STATUS_PAGE_CLAUDE</c> (append <c>/api/v2/status.json</c> to its value).
    /// </summary>
    public static string StatusPageVariable(string provider) =>
        "CHAOSKIT_STATUS_PAGE_" + string.Concat(provider.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_'));
}
