using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Hosting;
using ChaosKit.Fakes.OpenAi;
using ChaosKit.Fakes.StatusPages;
using Microsoft.AspNetCore.Http;

namespace ChaosKit.Fakes.AzureOpenAi;

/// <summary>
/// Azure OpenAI (<c>kind: azure_openai</c>), and how each failure looks on its wire: OpenAI's statuses, rate-limit
/// headers and success bodies (shared with <see cref="OpenAiProvider"/>), with Azure's own retry hints and filtered
/// answers.
/// </summary>
internal sealed class AzureOpenAiProvider : IProviderDefinition
{
    /// <inheritdoc />
    public string Kind => "azure_openai";

    /// <inheritdoc />
    public string GenAiProviderName => "azure.ai.openai";

    /// <inheritdoc />
    public IProviderProtocol CreateProtocol(ProtocolSetup setup) => new AzureOpenAiProtocol(setup);

    /// <inheritdoc />
    /// <remarks>
    /// Azure.AI.OpenAI takes the resource endpoint and appends <c>/openai/deployments/…</c>; an app on Azure's v1
    /// surface appends <c>openai/v1/</c> to it and uses the plain OpenAI client.
    /// </remarks>
    public SdkEnvironment Sdk { get; } = new("AZURE_OPENAI_ENDPOINT", "/", "AZURE_OPENAI_API_KEY", "chaoskit-fake-azure-key");

    /// <inheritdoc />
    public StatusPageIdentity StatusPage { get; } =
        new("chaoskitazure", "Azure OpenAI", "https://azure.status.microsoft", "chaoskitaoai01", "Azure OpenAI Service");

    /// <inheritdoc />
    public string ApiHost => "chaoskit.openai.azure.com";

    /// <inheritdoc />
    /// <remarks>OpenAI's (docs/providers.md#bad-request-bodies): Azure documents no body limit for these routes either.</remarks>
    public int MaxRequestBytes => OpenAi.OpenAiProvider.RequestLimit;

    /// <inheritdoc />
    public int StatusOf(ErrorKind kind) => ErrorKinds.StatusOf(kind);

    /// <inheritdoc />
    public ErrorKind KindOf(int status) => ErrorKinds.OfStatus(status);

    /// <inheritdoc />
    /// <remarks>
    /// <c>retry-after</c> and <c>retry-after-ms</c> on 429s: 60 s for a rate limit ("Please retry after 60
    /// seconds"), a day for a spent daily quota.
    /// </remarks>
    public ProviderRetryHints RetryHintsOf(ErrorKind kind) => kind switch
    {
        ErrorKind.RateLimit => new(TimeSpan.FromSeconds(60), true, null),
        ErrorKind.QuotaExhausted => new(TimeSpan.FromDays(1), true, false),
        _ => ProviderRetryHints.Common(kind),
    };

    /// <inheritdoc />
    public void SetQuotaHeaders(IHeaderDictionary headers, string unit, long limit, long remaining, TimeSpan untilFull, DateTimeOffset now) =>
        OpenAiHeaders.Quota(headers, unit, limit, remaining, untilFull);

    /// <inheritdoc />
    public SuccessSample SuccessSampleOf(string? model, bool streaming) => OpenAiProvider.ChatSample(model, streaming);

    /// <inheritdoc />
    public Func<FaultContext, CancellationToken, Task>? FilteredOutputOn(string route) =>
        FilteredChat.IsChat(route) ? AzureFilteredChat.Write : null;
}
