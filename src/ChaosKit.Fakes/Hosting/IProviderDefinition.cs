using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.StatusPages;
using Microsoft.AspNetCore.Http;

namespace ChaosKit.Fakes.Hosting;

/// <summary>
/// One provider, as ChaosKit fakes it: the kind name scenarios write, its wire protocol, how its official SDKs are
/// pointed at a fake, its status page, and what each failure looks like on its wire. Faults ask it (through
/// <see cref="FaultContext.Provider"/>) and never name a provider themselves. A new provider is a folder with one
/// implementation, registered in one line of <see cref="ProviderCatalog.Default"/>.
/// </summary>
internal interface IProviderDefinition
{
    /// <summary>The kind scenarios write for it, e.g. <c>anthropic</c>.</summary>
    string Kind { get; }

    /// <summary>
    /// Its name in OpenTelemetry's semantic conventions (<c>gen_ai.provider.name</c>, e.g. <c>anthropic</c>), which
    /// the fakes' spans and metrics carry so a dashboard groups them with the app's own calls to that provider.
    /// </summary>
    string GenAiProviderName { get; }

    /// <summary>Builds the protocol that answers one fake's calls.</summary>
    IProviderProtocol CreateProtocol(ProtocolSetup setup);

    /// <summary>The environment variables its official SDKs read to find the API, and a key they accept.</summary>
    SdkEnvironment Sdk { get; }

    /// <summary>The identity of its fake status page (page and component ids and names).</summary>
    StatusPageIdentity StatusPage { get; }

    /// <summary>The status its real API answers <paramref name="kind"/> with.</summary>
    int StatusOf(ErrorKind kind);

    /// <summary>
    /// The kind an <c>error</c> fault with <paramref name="status"/> renders, so <c>status: 401</c> gets the real
    /// 401 body; <see cref="ErrorKind.Other"/> for a status it does not use for a kind (it keeps its own body).
    /// </summary>
    ErrorKind KindOf(int status);

    /// <summary>The retry hints its real API sends with <paramref name="kind"/>; a fault uses them for every hint its scenario leaves out.</summary>
    ProviderRetryHints RetryHintsOf(ErrorKind kind);

    /// <summary>
    /// Sets the rate-limit headers of a <c>quota</c> answer for one limit, named and formatted as its API sends them
    /// (none when it sends none; docs/providers.md#rate-limit-headers).
    /// </summary>
    /// <param name="headers">The response's headers.</param>
    /// <param name="unit"><c>requests</c> or <c>tokens</c>.</param>
    /// <param name="limit">The limit per minute.</param>
    /// <param name="remaining">What remains of it.</param>
    /// <param name="untilFull">How long until the limit is whole again.</param>
    /// <param name="now">The time of the answer.</param>
    void SetQuotaHeaders(IHeaderDictionary headers, string unit, long limit, long remaining, TimeSpan untilFull, DateTimeOffset now);

    /// <summary>A short success answer in its own shape, for the <c>malformed</c> fault to cut or break; <paramref name="model"/> is named in it.</summary>
    SuccessSample SuccessSampleOf(string? model, bool streaming);

    /// <summary>
    /// The longest request body its API takes, in bytes; a longer one is not kept, and the protocol refuses it in its
    /// own words (<see cref="BodyProblem"/>; docs/providers.md#bad-request-bodies).
    /// </summary>
    int MaxRequestBytes { get; }

    /// <summary>The host of its real API, as an edge's error page names it (e.g. <c>api.anthropic.com</c>).</summary>
    string ApiHost { get; }

    /// <summary>
    /// How it answers on <paramref name="route"/> when its safety filter stops the output part-way: a writer of the
    /// whole 200 (status, headers and body), or <see langword="null"/> when it has no such success there and answers
    /// as for a blocked prompt (an error of kind <see cref="ErrorKind.ContentFilter"/>).
    /// </summary>
    Func<FaultContext, CancellationToken, Task>? FilteredOutputOn(string route);
}
