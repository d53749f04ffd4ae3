using ChaosKit.Core.Scenarios;
using ChaosKit.Fakes.Hosting;

namespace ChaosKit.Runner.Targets;

/// <summary>
/// The environment variables that point an app's official SDK at the fakes, named as each SDK reads them
/// (<c>ANTHROPIC_BASE_URL</c>, ...). A key is included because SDKs refuse to send without one; the fakes accept
/// any non-empty key.
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

    private static IEnumerable<(string Name, string Value)> For(RunningFake fake)
    {
        // SDKs append their own paths (/v1/messages); a trailing slash would double it.
        var baseUrl = fake.BaseUrl.ToString().TrimEnd('/');
        switch (fake.Kind)
        {
            case ProviderKind.Anthropic:
                yield return ("ANTHROPIC_BASE_URL", baseUrl);
                yield return ("ANTHROPIC_API_KEY", "sk-ant-chaoskit-fake-key");
                break;
            default:
                throw new NotSupportedException($"No environment mapping for provider kind {fake.Kind}.");
        }
    }
}
