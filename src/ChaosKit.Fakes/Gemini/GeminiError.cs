using System.Globalization;
using System.Text.Json;
using ChaosKit.Fakes.Faults;

namespace ChaosKit.Fakes.Gemini;

/// <summary>
/// Google's error envelope, <c>{"error":{"code","message","status","details"}}</c> (docs/providers.md#gemini-errors),
/// and the canonical status and wording the Gemini API sends for each HTTP status.
/// </summary>
/// <param name="Code">The HTTP status, repeated in the body.</param>
/// <param name="Message">The message.</param>
/// <param name="Status">The canonical code, e.g. <c>RESOURCE_EXHAUSTED</c>.</param>
/// <param name="RetryDelay">For 429: the <c>google.rpc.RetryInfo</c> delay (the retry hint lives in the body).</param>
/// <param name="InvalidKey">For the invalid-key 400: adds the <c>ErrorInfo</c> detail with reason <c>API_KEY_INVALID</c>.</param>
internal sealed record GeminiError(int Code, string Message, string Status, TimeSpan? RetryDelay = null, bool InvalidKey = false)
{
    /// <summary>
    /// The 400 for a body no route reads (docs/providers.md#bad-request-bodies): too long (Google's "Request payload
    /// size exceeds the limit"), not JSON by its type, or not Unicode text.
    /// </summary>
    public static GeminiError Unreadable(Hosting.BodyProblem problem) => new(400, problem.Kind switch
    {
        Hosting.BodyProblemKind.TooLarge => $"Request payload size exceeds the limit: {GeminiProvider.RequestLimit} bytes.",
        Hosting.BodyProblemKind.NotJson => $"Invalid JSON payload received. Unexpected Content-Type: {problem.ContentType}; send application/json.",
        Hosting.BodyProblemKind.InvalidUtf8 => "Invalid JSON payload received. Invalid UTF-8 in string.",
        _ => "Invalid JSON payload received. Unpaired surrogate in string.",
    }, "INVALID_ARGUMENT");

    /// <summary>The error the real API sends with <paramref name="status"/>.</summary>
    public static GeminiError For(int status, string? model, TimeSpan? retryAfter) => status switch
    {
        400 => new(400, "Request contains an invalid argument.", "INVALID_ARGUMENT"),
        401 => new(401, "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.", "UNAUTHENTICATED"),
        403 => new(403, "Permission denied: Consumer does not have access to the Gemini API.", "PERMISSION_DENIED"),
        404 => NotFound(model ?? "unknown"),
        429 => Exhausted("generate_content_free_tier_requests, limit: 5", model, retryAfter),
        500 => new(500, "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting", "INTERNAL"),
        503 => new(503, "The model is overloaded. Please try again later.", "UNAVAILABLE"),
        504 => new(504, "The request timed out. Please try again.", "DEADLINE_EXCEEDED"),
        >= 500 => new(status, "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting", "INTERNAL"),
        _ => new(status, "Request contains an invalid argument.", "INVALID_ARGUMENT"),
    };

    /// <summary>
    /// The error for an injected <paramref name="reply"/>: the named kinds Gemini words its own way, else the body
    /// for the status. The retry hint goes in the body (<c>RetryInfo</c> and "Please retry in"), as Gemini sends no header.
    /// </summary>
    public static GeminiError For(ErrorReply reply, string? model)
    {
        var error = reply.Kind switch
        {
            // A spent daily quota: the same RESOURCE_EXHAUSTED, on the per-day metric.
            ErrorKind.QuotaExhausted => Exhausted("generate_content_free_tier_requests_per_day, limit: 250", model, reply.RetryAfter),
            ErrorKind.Unauthorized when reply.Status == 400 => BadKey,
            ErrorKind.ContextLength => new(400, "The input token count (1196512) exceeds the maximum number of tokens allowed (1048576).", "INVALID_ARGUMENT"),
            ErrorKind.BadGateway => new(502, "The service is currently unavailable.", "UNAVAILABLE"),
            _ => For(reply.Status, model, reply.RetryAfter),
        };
        return reply.Message is { } message ? error with { Message = message } : error;
    }

    /// <summary>
    /// Writes the 200 Gemini sends for a prompt its safety filter blocked: no candidates, <c>promptFeedback.blockReason</c>
    /// <c>SAFETY</c> and the rating that tripped it.
    /// </summary>
    public static void WriteBlockedPrompt(Utf8JsonWriter json, (string Model, string ResponseId) response)
    {
        json.WriteStartObject();
        json.WriteStartObject("promptFeedback"u8);
        json.WriteString("blockReason"u8, "SAFETY");
        json.WriteStartArray("safetyRatings"u8);
        foreach (var (category, probability) in new[]
        {
            ("HARM_CATEGORY_SEXUALLY_EXPLICIT", "NEGLIGIBLE"), ("HARM_CATEGORY_HATE_SPEECH", "NEGLIGIBLE"),
            ("HARM_CATEGORY_HARASSMENT", "NEGLIGIBLE"), ("HARM_CATEGORY_DANGEROUS_CONTENT", "HIGH"),
        })
        {
            json.WriteStartObject();
            json.WriteString("category"u8, category);
            json.WriteString("probability"u8, probability);
            if (probability == "HIGH") json.WriteBoolean("blocked"u8, true);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        WriteFilteredTail(json, response.Model, response.ResponseId);
        json.WriteEndObject();
    }

    /// <summary>
    /// Writes what ends an answer the safety filter stopped (a blocked prompt, or a stopped output): the prompt's
    /// <c>usageMetadata</c> alone, <c>modelVersion</c> and <c>responseId</c>.
    /// </summary>
    public static void WriteFilteredTail(Utf8JsonWriter json, string model, string responseId)
    {
        json.WriteStartObject("usageMetadata"u8);
        json.WriteNumber("promptTokenCount"u8, 9);
        json.WriteNumber("totalTokenCount"u8, 9);
        json.WriteEndObject();
        json.WriteString("modelVersion"u8, model);
        json.WriteString("responseId"u8, responseId);
    }

    private static GeminiError Exhausted(string metric, string? model, TimeSpan? retryAfter) => new(429,
        "You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: " +
        "https://ai.google.dev/gemini-api/docs/rate-limits. To monitor your current usage, head to: https://ai.dev/rate-limit. \n" +
        $"* Quota exceeded for metric: generativelanguage.googleapis.com/{metric}, model: {model ?? "gemini-2.5-flash"}" +
        // Some real 429s carry no retry hint at all: no sentence, no RetryInfo.
        (retryAfter is { } wait ? $"\nPlease retry in {wait.TotalSeconds.ToString("0.######", CultureInfo.InvariantCulture)}s." : ""),
        "RESOURCE_EXHAUSTED", retryAfter);

    /// <summary>The 404 for an unknown model (recorded wording).</summary>
    public static GeminiError NotFound(string model) => new(404,
        $"models/{model} is not found for API version v1beta, or is not supported for generateContent. " +
        "Call ListModels to see the list of available models and their supported methods.", "NOT_FOUND");

    /// <summary>The 400 for a wrong or missing key.</summary>
    public static GeminiError BadKey { get; } = new(400, "API key not valid. Please pass a valid API key.", "INVALID_ARGUMENT", InvalidKey: true);

    /// <summary>Writes the envelope.</summary>
    public static void Write(Utf8JsonWriter json, GeminiError error)
    {
        json.WriteStartObject();
        json.WriteStartObject("error"u8);
        json.WriteNumber("code"u8, error.Code);
        json.WriteString("message"u8, error.Message);
        json.WriteString("status"u8, error.Status);
        if (error.InvalidKey || error.RetryDelay is not null)
        {
            json.WriteStartArray("details"u8);
            if (error.InvalidKey)
            {
                json.WriteStartObject();
                json.WriteString("@type"u8, "type.googleapis.com/google.rpc.ErrorInfo");
                json.WriteString("reason"u8, "API_KEY_INVALID");
                json.WriteString("domain"u8, "googleapis.com");
                json.WriteStartObject("metadata"u8);
                json.WriteString("service"u8, "generativelanguage.googleapis.com");
                json.WriteEndObject();
                json.WriteEndObject();
            }
            if (error.RetryDelay is { } delay)
            {
                json.WriteStartObject();
                json.WriteString("@type"u8, "type.googleapis.com/google.rpc.RetryInfo");
                json.WriteString("retryDelay"u8, $"{(long)Math.Ceiling(delay.TotalSeconds)}s");
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
