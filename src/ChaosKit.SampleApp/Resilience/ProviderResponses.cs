using System.Globalization;
using System.Net;
using System.Text.Json;

namespace ChaosKit.SampleApp.Resilience;

/// <summary>
/// What a provider's error response says about retrying it: its wait (<c>retry-after-ms</c>, then
/// <c>retry-after</c>), its verdict (<c>x-should-retry</c>), and whether it is a spent quota, which no retry cures.
/// </summary>
internal static class ProviderResponses
{
    /// <summary>The most of an error body read to look for a quota code.</summary>
    public const int MaxErrorBodyBytes = 64 * 1024;

    // OpenAI's 429 insufficient_quota (and its newer credit_balance_exhausted), Anthropic's billing error and spend limit.
    private static readonly string[] QuotaCodes = ["insufficient_quota", "credit_balance_exhausted", "billing_error", "enforced_spend_limit_reached"];

    /// <summary>
    /// The wait the response asks for: <c>retry-after-ms</c> (milliseconds, which the Stainless SDKs read first),
    /// else <c>retry-after</c> (seconds, possibly fractional, or an HTTP date); <see langword="null"/> when it asks
    /// for none, or for none that can be read.
    /// </summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        if (Header(response, "retry-after-ms") is { } ms && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds)
            && milliseconds > 0)
            return TimeSpan.FromMilliseconds(milliseconds);
        if (Header(response, "retry-after") is not { } value) return null;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            return seconds > 0 ? TimeSpan.FromSeconds(seconds) : null;
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) && date > now
            ? date - now
            : null;
    }

    /// <summary>The provider's <c>x-should-retry</c> verdict, or <see langword="null"/> when it gave none.</summary>
    public static bool? ShouldRetry(HttpResponseMessage response) =>
        bool.TryParse(Header(response, "x-should-retry"), out var verdict) ? verdict : null;

    /// <summary>Whether the status is one a retry may cure: 408, 409, 429 and every 5xx (529 included), as the SDKs count them.</summary>
    public static bool IsTransient(HttpStatusCode status) => (int)status is 408 or 409 or 429 or >= 500;

    /// <summary>
    /// Whether a 429 or 402 says a quota or budget is spent (OpenAI <c>insufficient_quota</c>, Anthropic's billing
    /// error or spend limit), read from the error body, which is buffered so the SDK can still read it.
    /// </summary>
    public static async ValueTask<bool> IsQuotaExhaustedAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if ((int)response.StatusCode is not (429 or 402)) return false;
        try
        {
            await response.Content.LoadIntoBufferAsync(MaxErrorBodyBytes, ct);
            using var body = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(ct));
            if (!body.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object) return false;
            return IsQuotaCode(error, "code") || IsQuotaCode(error, "type")
                || (error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Object && IsQuotaCode(details, "error_code"));
        }
        catch (Exception e) when (e is JsonException or HttpRequestException or IOException)
        {
            return false; // not JSON, too long or cut: an ordinary rate limit then
        }
    }

    private static bool IsQuotaCode(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && QuotaCodes.Contains(value.GetString());

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault()?.Trim() : null;
}
