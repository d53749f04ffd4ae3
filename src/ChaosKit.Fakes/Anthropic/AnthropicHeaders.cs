using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace ChaosKit.Fakes.Anthropic;

/// <summary>The response headers the real API sends (docs/providers.md#anthropic-headers).</summary>
/// <remarks>
/// Rate-limit figures are those of a real account (1,000 requests, 80,000 input and 16,000 output tokens a minute).
/// The fake does not model rate-limit windows: <c>remaining</c> is the limit minus this call's own usage, and every
/// reset is a minute from now. Use an <c>error 429</c> fault to simulate hitting the limit.
/// </remarks>
internal static class AnthropicHeaders
{
    private const int RequestsLimit = 1_000;
    private const int InputTokensLimit = 80_000;
    private const int OutputTokensLimit = 16_000;
    private const int TokensLimit = InputTokensLimit + OutputTokensLimit;

    /// <summary>Sets <c>request-id</c> and <c>anthropic-organization-id</c>, sent with every answer.</summary>
    public static void Identify(HttpResponse response, string requestId, string organizationId)
    {
        response.Headers["request-id"] = requestId;
        response.Headers["anthropic-organization-id"] = organizationId;
    }

    /// <summary>Sets the <c>anthropic-ratelimit-*</c> headers of a successful call.</summary>
    public static void RateLimits(HttpResponse response, DateTimeOffset now, int inputTokens, int outputTokens)
    {
        var reset = Rfc3339(now.AddMinutes(1));
        Set(response, "requests", RequestsLimit - 1, reset);
        Set(response, "tokens", TokensLimit - inputTokens - outputTokens, reset);
        Set(response, "input-tokens", InputTokensLimit - inputTokens, reset);
        Set(response, "output-tokens", OutputTokensLimit - outputTokens, reset);
    }

    /// <summary>Sets the <c>anthropic-ratelimit-{unit}-*</c> headers of a <c>quota</c> answer, resets in RFC 3339.</summary>
    public static void Quota(IHeaderDictionary headers, string unit, long limit, long remaining, TimeSpan untilFull, DateTimeOffset now)
    {
        headers[$"anthropic-ratelimit-{unit}-limit"] = limit.ToString(CultureInfo.InvariantCulture);
        headers[$"anthropic-ratelimit-{unit}-remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        headers[$"anthropic-ratelimit-{unit}-reset"] = Rfc3339(now + untilFull);
    }

    /// <summary>RFC 3339 UTC with second precision, as Anthropic writes reset times.</summary>
    private static string Rfc3339(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void Set(HttpResponse response, string name, int remaining, string reset)
    {
        var names = HeaderNames[name];
        response.Headers[names.Limit] = names.LimitText;
        response.Headers[names.Remaining] = Math.Max(0, remaining).ToString(CultureInfo.InvariantCulture);
        response.Headers[names.Reset] = reset;
    }

    // Header names and limits spelled once: these headers go out with every answer.
    private static readonly Dictionary<string, (string Limit, string Remaining, string Reset, string LimitText)> HeaderNames =
        new (string Name, int Limit)[] { ("requests", RequestsLimit), ("tokens", TokensLimit), ("input-tokens", InputTokensLimit), ("output-tokens", OutputTokensLimit) }
            .ToDictionary(
                h => h.Name,
                h => ($"anthropic-ratelimit-{h.Name}-limit", $"anthropic-ratelimit-{h.Name}-remaining", $"anthropic-ratelimit-{h.Name}-reset",
                    h.Limit.ToString(CultureInfo.InvariantCulture)),
                StringComparer.Ordinal);
}
