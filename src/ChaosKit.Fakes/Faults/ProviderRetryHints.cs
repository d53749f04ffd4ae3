using ChaosKit.Core.Scenarios;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// The retry hints each provider sends with each kind of error, as PROVIDERS.md records them; a fault uses them for
/// every hint its scenario leaves out.
/// </summary>
/// <param name="RetryAfter">The <c>retry-after</c> wait, or <see langword="null"/> when the provider sends none.</param>
/// <param name="MillisecondsToo">Whether <c>retry-after-ms</c> repeats the wait (Azure).</param>
/// <param name="ShouldRetry">The <c>x-should-retry</c> value, or <see langword="null"/> when none is sent.</param>
internal readonly record struct ProviderRetryHints(TimeSpan? RetryAfter, bool MillisecondsToo, bool? ShouldRetry)
{
    /// <summary>The hints <paramref name="provider"/> sends with <paramref name="kind"/>.</summary>
    /// <remarks>
    /// Anthropic: <c>retry-after</c> in whole seconds on 429s (a real capture shows 11). Azure: <c>retry-after</c>
    /// and <c>retry-after-ms</c> on 429s, 60 s for a rate limit ("Please retry after 60 seconds"), a day for a
    /// spent daily quota. Gemini puts the hint in the body (<c>RetryInfo</c>, 53 s in the captures). Whether OpenAI
    /// sends any is unconfirmed, so it sends none. A spent quota never becomes available by retrying: it carries
    /// <c>x-should-retry: false</c>, the only signal that stops the Stainless SDKs (a ChaosKit choice, as whether the
    /// providers send it is unconfirmed).
    /// </remarks>
    public static ProviderRetryHints For(ErrorKind kind, ProviderKind provider) => (kind, provider) switch
    {
        (ErrorKind.RateLimit, ProviderKind.Anthropic) => new(TimeSpan.FromSeconds(11), false, null),
        (ErrorKind.RateLimit, ProviderKind.AzureOpenAi) => new(TimeSpan.FromSeconds(60), true, null),
        (ErrorKind.RateLimit, ProviderKind.Gemini) => new(TimeSpan.FromSeconds(53), false, null),
        (ErrorKind.QuotaExhausted, ProviderKind.AzureOpenAi) => new(TimeSpan.FromDays(1), true, false),
        (ErrorKind.QuotaExhausted, ProviderKind.Gemini) => default,
        (ErrorKind.QuotaExhausted, _) => new(null, false, false),
        _ => default,
    };
}
