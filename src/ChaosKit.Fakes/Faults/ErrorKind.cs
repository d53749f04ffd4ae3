namespace ChaosKit.Fakes.Faults;

/// <summary>
/// What went wrong, independent of any provider: each protocol renders a kind with the body and headers its real API
/// sends for it (docs/providers.md#named-errors), and its definition gives its status there
/// (<see cref="Hosting.IProviderDefinition.StatusOf"/>).
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

/// <summary>
/// The statuses of the <see cref="ErrorKind"/>s as HTTP spells them, which most providers follow; each provider
/// (<see cref="Hosting.IProviderDefinition.StatusOf"/>) says where its API differs.
/// </summary>
internal static class ErrorKinds
{
    /// <summary>The status HTTP gives <paramref name="kind"/>: 429, 503 for no capacity, 401, 403, 404, 5xx, else 400.</summary>
    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.RateLimit or ErrorKind.QuotaExhausted => 429,
        ErrorKind.Overloaded => 503,
        ErrorKind.ServerError => 500,
        ErrorKind.BadGateway => 502,
        ErrorKind.GatewayTimeout => 504,
        ErrorKind.Unauthorized => 401,
        ErrorKind.PermissionDenied => 403,
        ErrorKind.ModelNotFound => 404,
        _ => 400,
    };

    /// <summary>
    /// The kind an <c>error</c> fault with <paramref name="status"/> renders, so <c>status: 401</c> gets the real
    /// 401 body; <see cref="ErrorKind.Other"/> for a status that names no kind (402, 409, ...).
    /// </summary>
    public static ErrorKind OfStatus(int status) => status switch
    {
        400 => ErrorKind.ContextLength,
        401 => ErrorKind.Unauthorized,
        403 => ErrorKind.PermissionDenied,
        404 => ErrorKind.ModelNotFound,
        429 => ErrorKind.RateLimit,
        500 => ErrorKind.ServerError,
        502 => ErrorKind.BadGateway,
        503 or 529 => ErrorKind.Overloaded,
        504 => ErrorKind.GatewayTimeout,
        _ => ErrorKind.Other,
    };
}
