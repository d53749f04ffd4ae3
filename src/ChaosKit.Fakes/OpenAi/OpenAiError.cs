using System.Text.Json;
using ChaosKit.Fakes.Faults;

namespace ChaosKit.Fakes.OpenAi;

/// <summary>
/// OpenAI's error envelope, <c>{"error":{"message","type","param","code"}}</c> (docs/providers.md#openai-errors), and
/// the wording the real API sends for each status.
/// </summary>
/// <param name="Message">The <c>message</c>.</param>
/// <param name="Type">The <c>type</c>, e.g. <c>invalid_request_error</c>.</param>
/// <param name="Param">The <c>param</c>, or <see langword="null"/>.</param>
/// <param name="Code">The <c>code</c>, or <see langword="null"/>.</param>
internal sealed record OpenAiError(string Message, string Type, string? Param, string? Code)
{
    /// <summary><c>type</c> for malformed requests.</summary>
    public const string InvalidRequest = "invalid_request_error";

    /// <summary>The 400 for a body that does not parse as JSON (recorded).</summary>
    public static OpenAiError NotJson { get; } = new(
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. " +
        "The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, " +
        "please contact us through our help center at help.openai.com.)", InvalidRequest, null, null);

    /// <summary>
    /// The status and error for a body no route reads (docs/providers.md#bad-request-bodies): too long (413), not JSON
    /// by its type (the API's <c>Content-Type</c> sentence), or not Unicode text (<paramref name="notJson"/>, as for
    /// any body that does not parse).
    /// </summary>
    public static (int Status, OpenAiError Error) Unreadable(Hosting.BodyProblem problem, int limit, OpenAiError notJson) => problem.Kind switch
    {
        Hosting.BodyProblemKind.TooLarge => (413, new($"Request body too large: the limit is {limit} bytes.", InvalidRequest, null, null)),
        Hosting.BodyProblemKind.NotJson => (400, new(
            $"Invalid Content-Type header ({problem.ContentType}), expected application/json. (HINT: If you're using curl, you can pass -H 'Content-Type: application/json')",
            InvalidRequest, null, null)),
        _ => (400, notJson),
    };

    /// <summary>The error the real API sends with <paramref name="status"/> for <paramref name="model"/>.</summary>
    public static OpenAiError For(int status, string? model, string requestId) => status switch
    {
        400 => new("This model's maximum context length is 128000 tokens. However, your messages resulted in 130412 tokens. Please reduce the length of the messages.",
            InvalidRequest, "messages", "context_length_exceeded"),
        401 => new("Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.",
            InvalidRequest, null, "invalid_api_key"),
        403 => new("Country, region, or territory not supported", "request_forbidden", null, "unsupported_country_region_territory"),
        404 => ModelNotFound(model ?? "unknown"),
        429 => new($"Rate limit reached for {model ?? "gpt-4o-mini"} in organization org-chaoskit on tokens per min (TPM): Limit 200000, Used 195869, Requested 4412. " +
            "Please try again in 84ms. Visit https://platform.openai.com/account/rate-limits to learn more.", "tokens", null, "rate_limit_exceeded"),
        503 => new("That model is currently overloaded with other requests. You can retry your request, or contact us through our help center at " +
            $"help.openai.com if the error persists. (Please include the request ID {requestId} in your message.)", "server_error", null, null),
        >= 500 => new("The server had an error while processing your request. Sorry about that!", "server_error", null, null),
        _ => new("Invalid request.", InvalidRequest, null, null),
    };

    /// <summary>
    /// The error for an injected <paramref name="reply"/>: the named kinds OpenAI words its own way, else the body
    /// for the status; the fault's message replaces the wording.
    /// </summary>
    /// <param name="reply">The injected error.</param>
    /// <param name="model">The requested model, if any.</param>
    /// <param name="requestId">The request id, quoted in the overload message.</param>
    /// <param name="responsesApi">Whether the call went to <c>/v1/responses</c>, whose context-length error differs.</param>
    public static OpenAiError For(ErrorReply reply, string? model, string requestId, bool responsesApi = false)
    {
        var error = reply.Kind switch
        {
            ErrorKind.QuotaExhausted => InsufficientQuota,
            ErrorKind.ContextLength when responsesApi => new(
                "Your input exceeds the context window of this model. Please adjust your input and try again.", InvalidRequest, "input", "context_length_exceeded"),
            // Cloudflare's JSON for a failed origin, as OpenAI clients log it (wording from client reports, unconfirmed).
            ErrorKind.BadGateway => new("Bad gateway.", "cf_bad_gateway", null, null),
            ErrorKind.GatewayTimeout => new("Gateway timeout.", "cf_gateway_timeout", null, null),
            // What the reasoning models answer when the safety system flags a prompt (unconfirmed for other models).
            ErrorKind.ContentFilter => new("Invalid prompt: your prompt was flagged as potentially violating our usage policy. " +
                "Please try again with a different prompt: https://platform.openai.com/docs/guides/reasoning#advice-on-prompting",
                InvalidRequest, null, "invalid_prompt"),
            _ => For(reply.Status, model, requestId),
        };
        return reply.Message is { } message ? error with { Message = message } : error;
    }

    /// <summary>
    /// The 429 of a spent quota (docs/providers.md#openai-errors): type and code <c>insufficient_quota</c>.
    /// </summary>
    public static OpenAiError InsufficientQuota { get; } = new(
        "You exceeded your current quota, please check your plan and billing details. For more information on this error, " +
        "read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.", "insufficient_quota", null, "insufficient_quota");

    /// <summary>The 404 for an unknown model on a generation route.</summary>
    public static OpenAiError ModelNotFound(string model) =>
        new($"The model `{model}` does not exist or you do not have access to it.", InvalidRequest, null, "model_not_found");

    /// <summary>The 401 for a call without any key.</summary>
    public static OpenAiError MissingKey { get; } = new(
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), " +
        "or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. " +
        "You can obtain an API key from https://platform.openai.com/account/api-keys.", InvalidRequest, null, null);

    /// <summary>The 401 for a wrong key, masked in the middle as the real API does.</summary>
    public static OpenAiError IncorrectKey(string key) => new(
        $"Incorrect API key provided: {Mask(key)}. You can find your API key at https://platform.openai.com/account/api-keys.",
        InvalidRequest, null, "invalid_api_key");

    /// <summary>Writes <c>{"error":{…}}</c>.</summary>
    public static void Write(Utf8JsonWriter json, OpenAiError error)
    {
        json.WriteStartObject();
        json.WritePropertyName("error"u8);
        WriteInner(json, error);
        json.WriteEndObject();
    }

    /// <summary>Writes the inner object alone (also used inside stream error events).</summary>
    public static void WriteInner(Utf8JsonWriter json, OpenAiError error)
    {
        json.WriteStartObject();
        json.WriteString("message"u8, error.Message);
        json.WriteString("type"u8, error.Type);
        if (error.Param is null) json.WriteNull("param"u8);
        else json.WriteString("param"u8, error.Param);
        if (error.Code is null) json.WriteNull("code"u8);
        else json.WriteString("code"u8, error.Code);
        json.WriteEndObject();
    }

    private static string Mask(string key) =>
        key.Length <= 8 ? new string('*', key.Length) : $"{key[..5]}{new string('*', Math.Max(3, key.Length - 9))}{key[^4..]}";
}
