namespace ChaosKit.Fakes.Hosting;

/// <summary>
/// What a <see cref="LoopbackApp"/> lets in beyond what it always requires (a loopback peer, and a loopback
/// <c>Host</c> so that a web page cannot reach it by DNS rebinding): how big a body may be, and whether a request
/// sent by another site's page is refused.
/// </summary>
public sealed record LoopbackRules
{
    /// <summary>
    /// Documents served by GET only (the status pages): no body, and any <c>Origin</c>. Reading changes nothing, a
    /// foreign page cannot read the answer (no CORS headers are sent), and the <c>Host</c> check stops DNS rebinding.
    /// </summary>
    public static LoopbackRules ReadOnly { get; } = new();

    /// <summary>The largest request body accepted, in bytes (413 beyond it); 0 accepts none.</summary>
    public int MaxBodyBytes { get; init; }

    /// <summary>
    /// Refuses (403) a request a web page of another origin sent: an <c>Origin</c> that is not the app's own, or a
    /// <c>Sec-Fetch-Site</c> of <c>cross-site</c> or <c>same-site</c>. Scripts and SDKs send neither.
    /// </summary>
    public bool RefuseForeignOrigin { get; init; }

    /// <summary>Requires a body, when there is one, to be <c>application/json</c> (415 otherwise).</summary>
    public bool JsonBodiesOnly { get; init; }
}
