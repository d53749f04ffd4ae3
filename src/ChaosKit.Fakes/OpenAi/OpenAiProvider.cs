using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Hosting;
using ChaosKit.Fakes.StatusPages;
using Microsoft.AspNetCore.Http;

namespace ChaosKit.Fakes.OpenAi;

/// <summary>
/// OpenAI (<c>kind: openai</c>): chat completions, Responses, embeddings and models, and how each failure looks on
/// its wire. Its statuses and retry hints are the common ones; Azure shares its headers and bodies.
/// </summary>
internal sealed class OpenAiProvider : IProviderDefinition
{
    /// <inheritdoc />
    public string Kind => "openai";

    /// <inheritdoc />
    public string GenAiProviderName => "openai";

    /// <inheritdoc />
    public IProviderProtocol CreateProtocol(ProtocolSetup setup) => new OpenAiProtocol(setup);

    /// <inheritdoc />
    /// <remarks>The OpenAI SDKs expect the base URL to include <c>/v1</c> and append <c>chat/completions</c> to it.</remarks>
    public SdkEnvironment Sdk { get; } = new("OPENAI_BASE_URL", "/v1", "OPENAI_API_KEY", "sk-proj-chaoskit-fake-key");

    /// <inheritdoc />
    public StatusPageIdentity StatusPage { get; } = new("chaoskitopenai", "OpenAI", "https://status.openai.com", "chaoskitapi01", "API");

    /// <inheritdoc />
    public string ApiHost => "api.openai.com";

    /// <summary>32 MB: OpenAI documents no body limit for these routes, so ChaosKit takes Anthropic's (docs/providers.md#bad-request-bodies).</summary>
    public const int RequestLimit = 32 << 20;

    /// <inheritdoc />
    public int MaxRequestBytes => RequestLimit;

    /// <inheritdoc />
    public int StatusOf(ErrorKind kind) => ErrorKinds.StatusOf(kind);

    /// <inheritdoc />
    public ErrorKind KindOf(int status) => ErrorKinds.OfStatus(status);

    /// <inheritdoc />
    /// <remarks>Whether OpenAI sends any hint is unconfirmed, so it sends none but the common ones.</remarks>
    public ProviderRetryHints RetryHintsOf(ErrorKind kind) => ProviderRetryHints.Common(kind);

    /// <inheritdoc />
    public void SetQuotaHeaders(IHeaderDictionary headers, string unit, long limit, long remaining, TimeSpan untilFull, DateTimeOffset now) =>
        OpenAiHeaders.Quota(headers, unit, limit, remaining, untilFull);

    /// <inheritdoc />
    public SuccessSample SuccessSampleOf(string? model, bool streaming) => ChatSample(model, streaming);

    /// <inheritdoc />
    public Func<FaultContext, CancellationToken, Task>? FilteredOutputOn(string route) => FilteredChat.IsChat(route) ? FilteredChat.Write : null;

    /// <summary>A chat completion, or the first chunks of its stream, as OpenAI and Azure send them.</summary>
    public static SuccessSample ChatSample(string? model, bool streaming)
    {
        model = SuccessSample.ModelText(model, "gpt-4o-mini");
        var body = streaming
            ? $"data: {{\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion.chunk\",\"created\":1741569952,\"model\":\"{model}\",\"choices\":[{{\"index\":0,\"delta\":{{\"role\":\"assistant\",\"content\":\"\"}},\"logprobs\":null,\"finish_reason\":null}}]}}\n\n" +
                $"data: {{\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion.chunk\",\"created\":1741569952,\"model\":\"{model}\",\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\"{SuccessSample.Text}\"}},\"logprobs\":null,\"finish_reason\":null}}]}}\n\n"
            : $"{{\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion\",\"created\":1741569952,\"model\":\"{model}\"," +
                $"\"choices\":[{{\"index\":0,\"message\":{{\"role\":\"assistant\",\"content\":\"{SuccessSample.Text}\",\"refusal\":null,\"annotations\":[]}}," +
                "\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":14,\"completion_tokens\":19,\"total_tokens\":33}}";
        return SuccessSample.Of(body, streaming ? "text/event-stream; charset=utf-8" : "application/json", "assistant");
    }
}
