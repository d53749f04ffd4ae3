using ChaosKit.Core.Scenarios;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// What went wrong, independent of any provider: each protocol renders a kind with the body and headers its real
/// API sends for it (PROVIDERS.md §§1.5, 2.4, 3, 4), and <see cref="ErrorKinds.StatusOf"/> gives its status there.
/// </summary>
internal enum ErrorKind
{
    /// <summary>No named kind: the protocol answers with its usual body for the status.</summary>
    Other,

    /// <summary>Too many requests or tokens for now (429).</summary>
    RateLimit,

    /// <summary>The account's quota or credit is spent (429 <c>insufficient_quota</c>, Anthropic's spend limit).</summary>
    QuotaExhausted,

    /// <summary>No capacity (Anthropic 529 <c>overloaded_error</c>, 503 elsewhere).</summary>
    Overloaded,

    /// <summary>500.</summary>
    ServerError,

    /// <summary>502.</summary>
    BadGateway,

    /// <summary>504.</summary>
    GatewayTimeout,

    /// <summary>Bad or revoked credentials (401; Gemini answers a bad key with 400 <c>API_KEY_INVALID</c>).</summary>
    Unauthorized,

    /// <summary>The key may not use this resource (403).</summary>
    PermissionDenied,

    /// <summary>Unknown model or deployment (404).</summary>
    ModelNotFound,

    /// <summary>The prompt is longer than the model's context (400).</summary>
    ContextLength,

    /// <summary>The prompt was blocked by the provider's safety filter (Azure 400 <c>content_filter</c>, Gemini's blocked prompt).</summary>
    ContentFilter,
}

/// <summary>Statuses of the <see cref="ErrorKind"/>s per provider, and the kind an <c>error</c> fault's status stands for.</summary>
internal static class ErrorKinds
{
    /// <summary>The status <paramref name="provider"/>'s real API answers <paramref name="kind"/> with.</summary>
    public static int StatusOf(ErrorKind kind, ProviderKind provider) => kind switch
    {
        ErrorKind.RateLimit or ErrorKind.QuotaExhausted => 429,
        ErrorKind.Overloaded => provider == ProviderKind.Anthropic ? 529 : 503,
        ErrorKind.ServerError => 500,
        ErrorKind.BadGateway => 502,
        ErrorKind.GatewayTimeout => 504,
        // Gemini checks API keys as arguments: a bad key is 400 INVALID_ARGUMENT, not 401 (PROVIDERS.md §3).
        ErrorKind.Unauthorized => provider == ProviderKind.Gemini ? 400 : 401,
        ErrorKind.PermissionDenied => 403,
        ErrorKind.ModelNotFound => 404,
        // Gemini blocks a prompt with a 200 whose promptFeedback names the reason; the others answer 400.
        ErrorKind.ContentFilter => provider == ProviderKind.Gemini ? 200 : 400,
        _ => 400,
    };

    /// <summary>
    /// The kind an <c>error</c> fault with <paramref name="status"/> renders, so <c>status: 401</c> gets the real
    /// 401 body. Statuses a provider does not use for a kind (Anthropic's 503, 402) keep their own body.
    /// </summary>
    public static ErrorKind OfStatus(int status, ProviderKind provider) => status switch
    {
        400 => ErrorKind.ContextLength,
        401 => ErrorKind.Unauthorized,
        403 => ErrorKind.PermissionDenied,
        404 => ErrorKind.ModelNotFound,
        429 => ErrorKind.RateLimit,
        500 => ErrorKind.ServerError,
        502 => ErrorKind.BadGateway,
        503 when provider != ProviderKind.Anthropic => ErrorKind.Overloaded,
        504 => ErrorKind.GatewayTimeout,
        529 => ErrorKind.Overloaded,
        _ => ErrorKind.Other,
    };
}
