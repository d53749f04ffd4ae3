namespace ChaosKit.SampleApp.Configuration;

/// <summary>How the app guards its AI calls, chosen at start-up by <c>SampleApp:Profile</c>.</summary>
internal enum ResilienceProfile
{
    /// <summary><c>naive</c>: the primary provider only, SDK retries off, a long timeout, no fallback: an outage is an error answer.</summary>
    Naive,

    /// <summary><c>sdk-defaults</c>: the primary provider with the official SDK's own retries and timeouts, and the knowledge base on failure.</summary>
    SdkDefaults,

    /// <summary><c>resilient</c>: retries, timeouts and a circuit breaker in the HttpClient pipeline, the other provider, then the knowledge base.</summary>
    Resilient,
}

/// <summary>The names configuration uses for each <see cref="ResilienceProfile"/>.</summary>
internal static class ResilienceProfiles
{
    /// <summary>The profile when none is configured: what the app did before it had profiles.</summary>
    public const ResilienceProfile Default = ResilienceProfile.SdkDefaults;

    /// <summary>Every name, in the order the docs list them.</summary>
    public static readonly string[] Names = ["naive", "sdk-defaults", "resilient"];

    /// <summary>The configuration name of <paramref name="profile"/>, e.g. <c>sdk-defaults</c>.</summary>
    public static string NameOf(ResilienceProfile profile) => Names[(int)profile];

    /// <summary>The profile named <paramref name="name"/> (any case); <see cref="Default"/> when it is empty.</summary>
    /// <exception cref="InvalidOperationException">An unknown name: the app refuses to start rather than guess.</exception>
    public static ResilienceProfile Parse(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return Default;
        var index = Array.FindIndex(Names, n => string.Equals(n, name.Trim(), StringComparison.OrdinalIgnoreCase));
        return index >= 0 ? (ResilienceProfile)index
            : throw new InvalidOperationException($"SampleApp:Profile is '{name}'; expected one of {string.Join(", ", Names)}.");
    }
}
