using System.Text.Json;
using ChaosKit.Fakes.OpenAi;

namespace ChaosKit.Fakes.AzureOpenAi;

/// <summary>
/// Azure OpenAI's error bodies (docs/providers.md#azure-openai-errors): its own
/// <c>{"error":{"code":"429","message":…}}</c> shape for gateway errors (string codes, no <c>type</c> or <c>param</c>),
/// the content-filter 400, and OpenAI's envelope for errors the model service itself raises.
/// </summary>
internal static class AzureErrors
{
    /// <summary>The gateway's 401.</summary>
    public const string AccessDenied =
        "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription " +
        "and use a correct regional API endpoint for your resource.";

    /// <summary>The gateway's 403 for a caller whose role does not allow the call (wording from Entra role errors, unconfirmed for keys).</summary>
    public const string PermissionDenied = "Principal does not have access to API/Operation.";

    /// <summary>The 404 for a deployment that does not exist.</summary>
    public const string DeploymentNotFound =
        "The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.";

    /// <summary>Writes the gateway shape, <c>{"error":{"code","message"}}</c>.</summary>
    public static void WriteGateway(Utf8JsonWriter json, (string Code, string Message) error)
    {
        json.WriteStartObject();
        json.WriteStartObject("error"u8);
        json.WriteString("code"u8, error.Code);
        json.WriteString("message"u8, error.Message);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// The quota 429's wording, naming the operation, the API version and the wait. Captures show
    /// <c>ChatCompletions_Create</c> with a token rate limit and <c>Embeddings_Create</c> with a call rate limit, each
    /// "under Azure OpenAI API version {version}"; the one capture of <c>Responses_Create</c> names no version.
    /// </summary>
    /// <param name="operation">The operation (<see cref="AzureOperation"/>).</param>
    /// <param name="apiVersion">The request's <c>api-version</c>; null on the v1 routes, which need none.</param>
    /// <param name="retrySeconds">The wait the message names.</param>
    public static string RateLimitMessage(AzureOperation operation, string? apiVersion, long retrySeconds)
    {
        var (name, limit) = operation switch
        {
            AzureOperation.Embeddings => ("Embeddings_Create", "call"),
            AzureOperation.Responses => ("Responses_Create", "token"),
            _ => ("ChatCompletions_Create", "token"),
        };
        var api = apiVersion is null ? "Azure OpenAI API" : $"Azure OpenAI API version {apiVersion}";
        return $"Requests to the {name} Operation under {api} have exceeded {limit} rate limit of your current OpenAI S0 pricing tier. " +
            $"Please retry after {retrySeconds} seconds. Please go here: https://aka.ms/oai/quotaincrease " +
            "if you would like to further increase the default rate limit.";
    }

    /// <summary>Writes the content-filter 400 (prompt blocked by the jailbreak filter).</summary>
    public static void WriteContentFilter(Utf8JsonWriter json, string? message)
    {
        json.WriteStartObject();
        json.WriteStartObject("error"u8);
        json.WriteString("message"u8, message ?? "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. " +
            "Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: " +
            "https://go.microsoft.com/fwlink/?linkid=2198766");
        json.WriteNull("type"u8);
        json.WriteString("param"u8, "prompt");
        json.WriteString("code"u8, "content_filter");
        json.WriteNumber("status"u8, 400);
        json.WriteStartObject("innererror"u8);
        json.WriteString("code"u8, "ResponsibleAIPolicyViolation");
        json.WritePropertyName("content_filter_result"u8);
        ContentFilter.Write(json, jailbreak: true, blocked: true);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Writes OpenAI's envelope for errors the model service raises (5xx and the like).</summary>
    public static void WriteService(Utf8JsonWriter json, OpenAiError error) => OpenAiError.Write(json, error);
}
