using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Hosting;
using ChaosKit.Fakes.StatusPages;
using Microsoft.AspNetCore.Http;

namespace ChaosKit.Fakes.Anthropic;

/// <summary>Anthropic (<c>kind: anthropic</c>): the Messages API, and how each failure looks on its wire.</summary>
internal sealed class AnthropicProvider : IProviderDefinition
{
    /// <inheritdoc />
    public string Kind => "anthropic";

    /// <inheritdoc />
    public string GenAiProviderName => "anthropic";

    /// <inheritdoc />
    public IProviderProtocol CreateProtocol(ProtocolSetup setup) => new AnthropicProtocol(setup);

    /// <inheritdoc />
    public SdkEnvironment Sdk { get; } = new("ANTHROPIC_BASE_URL", "", "ANTHROPIC_API_KEY", "sk-ant-chaoskit-fake-key");

    /// <inheritdoc />
    public StatusPageIdentity StatusPage { get; } =
        new("tymt9n04zgry", "Claude", "https://status.claude.com", "k8w3r06qmzrp", "Claude API (api.anthropic.com)");

    /// <inheritdoc />
    public string ApiHost => "api.anthropic.com";

    /// <summary>32 MB, the documented limit of the Messages API and token counting (Cloudflare refuses more, before the API).</summary>
    public const int RequestLimit = 32 << 20;

    /// <inheritdoc />
    public int MaxRequestBytes => RequestLimit;

    /// <inheritdoc />
    /// <remarks>No capacity is Anthropic's own 529 <c>overloaded_error</c>.</remarks>
    public int StatusOf(ErrorKind kind) => kind == ErrorKind.Overloaded ? 529 : ErrorKinds.StatusOf(kind);

    /// <inheritdoc />
    /// <remarks>Anthropic does not answer 503 for a kind, so an <c>error 503</c> keeps its own body.</remarks>
    public ErrorKind KindOf(int status) => status == 503 ? ErrorKind.Other : ErrorKinds.OfStatus(status);

    /// <inheritdoc />
    /// <remarks><c>retry-after</c> in whole seconds on a rate limit (a real capture shows 11).</remarks>
    public ProviderRetryHints RetryHintsOf(ErrorKind kind) =>
        kind == ErrorKind.RateLimit ? new(TimeSpan.FromSeconds(11), false, null) : ProviderRetryHints.Common(kind);

    /// <inheritdoc />
    public void SetQuotaHeaders(IHeaderDictionary headers, string unit, long limit, long remaining, TimeSpan untilFull, DateTimeOffset now) =>
        AnthropicHeaders.Quota(headers, unit, limit, remaining, untilFull, now);

    /// <inheritdoc />
    public SuccessSample SuccessSampleOf(string? model, bool streaming)
    {
        model = SuccessSample.ModelText(model, "claude-sonnet-4-5");
        var body = streaming
            ? $"event: message_start\ndata: {{\"type\":\"message_start\",\"message\":{{\"id\":\"msg_01XFDUDYJgAACzvnptvVoYEL\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"{model}\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{{\"input_tokens\":14,\"output_tokens\":1}}}}}}\n\n" +
                $"event: content_block_start\ndata: {{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{{\"type\":\"text\",\"text\":\"\"}}}}\n\n" +
                $"event: content_block_delta\ndata: {{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{{\"type\":\"text_delta\",\"text\":\"{SuccessSample.Text}\"}}}}\n\n"
            : $"{{\"id\":\"msg_01XFDUDYJgAACzvnptvVoYEL\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"{model}\"," +
                $"\"content\":[{{\"type\":\"text\",\"text\":\"{SuccessSample.Text}\"}}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null," +
                "\"usage\":{\"input_tokens\":14,\"output_tokens\":19}}";
        return SuccessSample.Of(body, streaming ? "text/event-stream; charset=utf-8" : "application/json", "assistant");
    }

    /// <inheritdoc />
    /// <remarks>Anthropic has no filtered success: a stopped output is its 400 "Output blocked by content filtering policy".</remarks>
    public Func<FaultContext, CancellationToken, Task>? FilteredOutputOn(string route) => null;
}
