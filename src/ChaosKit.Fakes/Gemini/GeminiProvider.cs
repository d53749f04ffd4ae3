using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Hosting;
using ChaosKit.Fakes.StatusPages;
using Microsoft.AspNetCore.Http;

namespace ChaosKit.Fakes.Gemini;

/// <summary>Gemini (<c>kind: gemini</c>): the Gemini API, and how each failure looks on its wire.</summary>
internal sealed class GeminiProvider : IProviderDefinition
{
    /// <inheritdoc />
    public string Kind => "gemini";

    /// <inheritdoc />
    public string GenAiProviderName => "gcp.gemini";

    /// <inheritdoc />
    public IProviderProtocol CreateProtocol(ProtocolSetup setup) => new GeminiProtocol(setup);

    /// <inheritdoc />
    /// <remarks>The Google SDKs take the host and append <c>/v1beta/models/…</c>.</remarks>
    public SdkEnvironment Sdk { get; } = new("GEMINI_BASE_URL", "", "GEMINI_API_KEY", "chaoskit-fake-gemini-key");

    /// <inheritdoc />
    public StatusPageIdentity StatusPage { get; } =
        new("chaoskitgemini", "Gemini API", "https://aistudio.google.com/status", "chaoskitgem01", "Gemini API");

    /// <inheritdoc />
    public string ApiHost => "generativelanguage.googleapis.com";

    /// <summary>20 MB, the documented limit of a whole request (inline files included).</summary>
    public const int RequestLimit = 20 << 20;

    /// <inheritdoc />
    public int MaxRequestBytes => RequestLimit;

    /// <inheritdoc />
    /// <remarks>
    /// Gemini checks API keys as arguments: a bad key is 400 <c>INVALID_ARGUMENT</c>, not 401
    /// (docs/providers.md#gemini-errors). It blocks a prompt with a 200 whose <c>promptFeedback</c> names the reason.
    /// </remarks>
    public int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Unauthorized => 400,
        ErrorKind.ContentFilter => 200,
        _ => ErrorKinds.StatusOf(kind),
    };

    /// <inheritdoc />
    public ErrorKind KindOf(int status) => ErrorKinds.OfStatus(status);

    /// <inheritdoc />
    /// <remarks>
    /// Gemini puts the hint in the body (<c>RetryInfo</c>, 53 s in the captures) and sends none with a spent quota,
    /// not even <c>x-should-retry</c>.
    /// </remarks>
    public ProviderRetryHints RetryHintsOf(ErrorKind kind) => kind switch
    {
        ErrorKind.RateLimit => new(TimeSpan.FromSeconds(53), false, null),
        ErrorKind.QuotaExhausted => default,
        _ => ProviderRetryHints.Common(kind),
    };

    /// <inheritdoc />
    /// <remarks>The real API sends no rate-limit headers.</remarks>
    public void SetQuotaHeaders(IHeaderDictionary headers, string unit, long limit, long remaining, TimeSpan untilFull, DateTimeOffset now)
    {
    }

    /// <inheritdoc />
    public SuccessSample SuccessSampleOf(string? model, bool streaming)
    {
        var candidate =
            $"{{\"candidates\":[{{\"content\":{{\"parts\":[{{\"text\":\"{SuccessSample.Text}\"}}],\"role\":\"model\"}},\"finishReason\":\"STOP\"}}]," +
            $"\"modelVersion\":\"{SuccessSample.ModelText(model, "gemini-2.5-flash")}\",\"responseId\":\"2j2taND9NLysz7IPw4em6A0\"," +
            "\"usageMetadata\":{\"promptTokenCount\":7,\"candidatesTokenCount\":19,\"totalTokenCount\":26}}";
        return streaming
            ? SuccessSample.Of($"data: {candidate}\r\n\r\n", "text/event-stream", "model")
            : SuccessSample.Of(candidate, "application/json; charset=UTF-8", "model");
    }

    /// <inheritdoc />
    /// <remarks>On the generation routes, plain and streamed; token counts and embeddings answer as for the prompt.</remarks>
    public Func<FaultContext, CancellationToken, Task>? FilteredOutputOn(string route) =>
        GeminiRoutes.IsGeneration(route) ? GeminiFilteredAnswer.Write : null;
}
