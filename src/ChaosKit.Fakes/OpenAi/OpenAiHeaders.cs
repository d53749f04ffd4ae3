using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace ChaosKit.Fakes.OpenAi;

/// <summary>The response headers the real OpenAI API sends (docs/providers.md#openai-headers).</summary>
/// <remarks>
/// Limits are those of a real tier (30,000 requests and 150,000,000 tokens a minute); the fake does not model
/// windows: <c>remaining</c> is the limit minus this call, resets are Go durations. Use an <c>error 429</c> fault to
/// simulate hitting the limit.
/// </remarks>
internal static class OpenAiHeaders
{
    private const int RequestsLimit = 30_000;
    private const int TokensLimit = 150_000_000;

    // The values that never change, formatted once: these headers go out with every answer.
    private static readonly string RequestsLimitText = RequestsLimit.ToString(CultureInfo.InvariantCulture);
    private static readonly string TokensLimitText = TokensLimit.ToString(CultureInfo.InvariantCulture);
    private static readonly string RequestsRemainingText = (RequestsLimit - 1).ToString(CultureInfo.InvariantCulture);
    private static readonly string RequestsResetText = GoDuration.Format(TimeSpan.FromMilliseconds(2));

    // Most calls use a few hundred tokens, so the remaining count repeats; each text is formatted once (a racing
    // second format only writes an equal string) instead of once per call.
    private static readonly string?[] RemainingTokensTexts = new string?[4096];

    /// <summary>Sets <c>x-request-id</c>, <c>openai-version</c> and <c>openai-processing-ms</c>, sent with every answer.</summary>
    public static void Identify(HttpResponse response, string requestId, TimeSpan processing)
    {
        response.Headers["x-request-id"] = requestId;
        response.Headers["openai-version"] = "2020-10-01";
        response.Headers["openai-processing-ms"] = ((long)processing.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Sets the <c>x-ratelimit-*</c> headers of a successful call.</summary>
    public static void RateLimits(HttpResponse response, int tokens)
    {
        var headers = response.Headers;
        headers["x-ratelimit-limit-requests"] = RequestsLimitText;
        headers["x-ratelimit-limit-tokens"] = TokensLimitText;
        headers["x-ratelimit-remaining-requests"] = RequestsRemainingText;
        headers["x-ratelimit-remaining-tokens"] = RemainingTokensText(tokens);
        // One request of a 30,000/min budget refills in 2 ms; the tokens of one call refill within a few ms.
        headers["x-ratelimit-reset-requests"] = RequestsResetText;
        headers["x-ratelimit-reset-tokens"] = GoDuration.Format(TimeSpan.FromMilliseconds(tokens * 60_000.0 / TokensLimit));
    }

    private static string RemainingTokensText(int tokens)
    {
        if ((uint)tokens >= (uint)RemainingTokensTexts.Length) return Math.Max(0, TokensLimit - tokens).ToString(CultureInfo.InvariantCulture);
        return RemainingTokensTexts[tokens] ??= (TokensLimit - tokens).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Sets the <c>x-ratelimit-{limit,remaining,reset}-{unit}</c> headers of a <c>quota</c> answer, resets as Go
    /// durations (<c>6m0s</c>); Azure sends the same.
    /// </summary>
    public static void Quota(IHeaderDictionary headers, string unit, long limit, long remaining, TimeSpan untilFull)
    {
        headers[$"x-ratelimit-limit-{unit}"] = limit.ToString(CultureInfo.InvariantCulture);
        headers[$"x-ratelimit-remaining-{unit}"] = remaining.ToString(CultureInfo.InvariantCulture);
        headers[$"x-ratelimit-reset-{unit}"] = GoDuration.Format(untilFull);
    }
}
