using System.Globalization;
using System.Text.Json;
using ChaosKit.Fakes.Faults;

namespace ChaosKit.Fakes.Anthropic;

/// <summary>
/// Anthropic's error envelope, <c>{"type":"error","error":{"type":…,"message":…},"request_id":"req_…"}</c>, and the
/// <c>error.type</c> and wording the real API uses for each status (docs/providers.md#anthropic-errors).
/// </summary>
internal static class AnthropicErrors
{
    /// <summary><c>error.type</c> for malformed requests, and for 4xx statuses without a type of their own.</summary>
    public const string InvalidRequest = "invalid_request_error";

    /// <summary>The error type and message the real API sends with <paramref name="status"/>.</summary>
    /// <param name="status">HTTP status, 400–599.</param>
    /// <param name="organizationId">Organisation named in rate-limit messages.</param>
    /// <param name="model">The requested model, named in 404 messages; <see langword="null"/> when the route has none.</param>
    public static (string Type, string Message) For(int status, string organizationId, string? model) => status switch
    {
        400 => (InvalidRequest, "prompt is too long: 210000 tokens > 200000 maximum"),
        401 => ("authentication_error", "invalid x-api-key"),
        402 => ("billing_error", "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits."),
        403 => ("permission_error", "Your API key does not have permission to use the specified resource."),
        404 => ("not_found_error", model is null ? "Not Found" : $"model: {model}"),
        409 => ("conflict_error", "Conflict"),
        413 => ("request_too_large", "Request exceeds the maximum allowed number of bytes."),
        429 => ("rate_limit_error", RateLimitMessage(organizationId)),
        500 => ("api_error", "Internal server error"),
        // 502 and 503 have no documented type; Anthropic files unexpected server trouble under api_error.
        502 => ("api_error", "Bad gateway"),
        503 => ("api_error", "Service unavailable"),
        // The SDK models 504 as GatewayTimeoutError with type timeout_error; the wording is unconfirmed.
        504 => ("timeout_error", "Request timed out"),
        529 => ("overloaded_error", "Overloaded"),
        >= 500 => ("api_error", "Internal server error"),
        _ => (InvalidRequest, "Invalid request"),
    };

    /// <summary>
    /// The error type, message and <c>details.error_code</c> (or <see langword="null"/>) for an injected error:
    /// the named kinds Anthropic words its own way, else the body for the status.
    /// </summary>
    /// <param name="reply">The injected error.</param>
    /// <param name="organizationId">Organisation named in rate-limit messages.</param>
    /// <param name="model">The requested model, if any.</param>
    /// <param name="now">The run's time, for the date a spent limit resets; <see langword="null"/> when unknown.</param>
    public static (string Type, string Message, string? ErrorCode) For(ErrorReply reply, string organizationId, string? model, DateTimeOffset? now)
    {
        var (type, message) = reply.Kind switch
        {
            // The monthly spend limit: a 429 that no retry cures. The wording is ChaosKit's
            // (docs/providers.md#anthropic-errors).
            ErrorKind.QuotaExhausted => ("rate_limit_error",
                now is { } today
                    ? $"You have reached your specified API usage limits. You will regain access on {FirstOfNextMonth(today)} at 00:00 UTC."
                    : "You have reached your specified API usage limits. You will regain access at the start of next month."),
            // What the API answers when its safety classifier stops a prompt or an answer.
            ErrorKind.ContentFilter => (InvalidRequest, "Output blocked by content filtering policy"),
            _ => For(reply.Status, organizationId, model),
        };
        return (type, reply.Message ?? message, reply.Kind == ErrorKind.QuotaExhausted ? "enforced_spend_limit_reached" : null);
    }

    /// <summary>
    /// The 400 message for a body that is not JSON by its type, or not Unicode text: the API's "The request body is
    /// not valid JSON: no low surrogate in string: line 1 column 42 (char 41)" (docs/providers.md#bad-request-bodies).
    /// </summary>
    public static string Unreadable(Hosting.BodyProblem problem, ReadOnlySpan<byte> body) =>
        problem.Kind == Hosting.BodyProblemKind.NotJson
            ? $"content-type: header must be application/json, got '{problem.ContentType}'"
            : $"The request body is not valid JSON: {problem.ParserWords}: {problem.PositionIn(body)}";

    /// <summary>Writes the envelope.</summary>
    public static void WriteBody(Utf8JsonWriter json, (string Type, string Message, string RequestId) error) =>
        WriteBody(json, (error.Type, error.Message, error.RequestId, null));

    /// <summary>Writes the envelope, with <c>error.details.error_code</c> when <c>ErrorCode</c> is set.</summary>
    public static void WriteBody(Utf8JsonWriter json, (string Type, string Message, string RequestId, string? ErrorCode) error)
    {
        json.WriteStartObject();
        json.WriteString("type"u8, "error");
        json.WriteStartObject("error"u8);
        json.WriteString("type"u8, error.Type);
        json.WriteString("message"u8, error.Message);
        if (error.ErrorCode is { } code)
        {
            json.WriteStartObject("details"u8);
            json.WriteString("error_code"u8, code);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteString("request_id"u8, error.RequestId);
        json.WriteEndObject();
    }

    private static string FirstOfNextMonth(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        return new DateTime(utc.Year, utc.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    // Real wording (captured 429s), input-token variant; the sales sentence follows it in real answers.
    private static string RateLimitMessage(string organizationId) =>
        $"This request would exceed the rate limit for your organization ({organizationId}) of 50,000 input tokens per minute. " +
        "For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. " +
        "Please reduce the prompt length or the maximum tokens requested, or try again later. " +
        "You may also contact sales at https://www.anthropic.com/contact-sales to discuss your options for a rate limit increase.";
}
