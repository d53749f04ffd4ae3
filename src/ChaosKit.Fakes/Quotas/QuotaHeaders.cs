using System.Globalization;
using ChaosKit.Core.Scenarios;
using ChaosKit.Fakes.Anthropic;
using ChaosKit.Fakes.OpenAi;
using Microsoft.AspNetCore.Http;

namespace ChaosKit.Fakes.Quotas;

/// <summary>
/// The rate-limit headers of a quota answer, named and formatted as each provider sends them (PROVIDERS.md §1.6,
/// §2.5): OpenAI and Azure <c>x-ratelimit-{limit,remaining,reset}-{requests,tokens}</c> with Go-duration resets
/// (<c>6m0s</c>), Anthropic <c>anthropic-ratelimit-{requests,tokens}-{limit,remaining,reset}</c> with RFC 3339
/// resets. Gemini sends none.
/// </summary>
internal static class QuotaHeaders
{
    /// <summary>Sets the headers for one limit (<paramref name="unit"/>: <c>requests</c> or <c>tokens</c>).</summary>
    public static void Set(HttpResponse response, ProviderKind kind, string unit, long limit, long remaining, TimeSpan untilFull, DateTimeOffset now)
    {
        var headers = response.Headers;
        switch (kind)
        {
            case ProviderKind.Anthropic:
                headers[$"anthropic-ratelimit-{unit}-limit"] = Text(limit);
                headers[$"anthropic-ratelimit-{unit}-remaining"] = Text(remaining);
                headers[$"anthropic-ratelimit-{unit}-reset"] = AnthropicHeaders.Rfc3339(now + untilFull);
                break;
            case ProviderKind.Gemini:
                break;
            default:
                headers[$"x-ratelimit-limit-{unit}"] = Text(limit);
                headers[$"x-ratelimit-remaining-{unit}"] = Text(remaining);
                headers[$"x-ratelimit-reset-{unit}"] = GoDuration.Format(untilFull);
                break;
        }
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
