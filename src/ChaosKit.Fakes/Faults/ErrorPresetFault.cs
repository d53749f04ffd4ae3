namespace ChaosKit.Fakes.Faults;

/// <summary>
/// Named errors, so scenarios read as what happens rather than as status codes. Each provider answers with the
/// status, body and retry hints its real API sends for that error (<see cref="ErrorKind"/>, <see cref="ProviderRetryHints"/>):
/// <c>rate_limit</c> (429), <c>quota_exhausted</c> (429 <c>insufficient_quota</c>, Anthropic's spend limit, with
/// <c>x-should-retry: false</c>), <c>overloaded</c> (Anthropic 529, others 503), <c>server_error</c> (500),
/// <c>bad_gateway</c> (502), <c>gateway_timeout</c> (504), <c>unauthorized</c> (401; Gemini's 400 bad key),
/// <c>permission_denied</c> (403), <c>model_not_found</c> (404) and <c>context_length</c> (400);
/// <c>content_filter</c> is its own fault (<see cref="ContentFilterFault"/>).
/// </summary>
/// <remarks>Settings as <c>error</c>, without <c>status</c>: <c>retry_after</c>, <c>retry_after_ms</c>, <c>should_retry</c>, <c>message</c>.</remarks>
internal sealed class ErrorPresetFault : IFault
{
    private readonly string _name;
    private readonly ErrorTemplate _template;

    private ErrorPresetFault(string name, ErrorTemplate template)
    {
        _name = name;
        _template = template;
    }

    /// <summary><c>rate_limit</c>: 429.</summary>
    public static FaultRegistration RateLimit { get; } = Preset("rate_limit", ErrorKind.RateLimit);

    /// <summary><c>overloaded</c>: what each provider answers when it has no capacity.</summary>
    public static FaultRegistration Overloaded { get; } = Preset("overloaded", ErrorKind.Overloaded);

    /// <summary><c>quota_exhausted</c>: 429 that tells SDKs not to retry.</summary>
    public static FaultRegistration QuotaExhausted { get; } = Preset("quota_exhausted", ErrorKind.QuotaExhausted);

    /// <summary><c>context_length</c>: the 400 for a prompt longer than the model's context.</summary>
    public static FaultRegistration ContextLength { get; } = Preset("context_length", ErrorKind.ContextLength);

    /// <summary><c>server_error</c>: 500.</summary>
    public static FaultRegistration ServerError { get; } = Preset("server_error", ErrorKind.ServerError);

    /// <summary><c>bad_gateway</c>: 502 with the provider's JSON body (see <c>malformed</c> for the edge's HTML page).</summary>
    public static FaultRegistration BadGateway { get; } = Preset("bad_gateway", ErrorKind.BadGateway);

    /// <summary><c>gateway_timeout</c>: 504.</summary>
    public static FaultRegistration GatewayTimeout { get; } = Preset("gateway_timeout", ErrorKind.GatewayTimeout);

    /// <summary><c>unauthorized</c>: the provider's answer to a bad key.</summary>
    public static FaultRegistration Unauthorized { get; } = Preset("unauthorized", ErrorKind.Unauthorized);

    /// <summary><c>permission_denied</c>: 403.</summary>
    public static FaultRegistration PermissionDenied { get; } = Preset("permission_denied", ErrorKind.PermissionDenied);

    /// <summary><c>model_not_found</c>: 404 for the requested model (Azure: its deployment).</summary>
    public static FaultRegistration ModelNotFound { get; } = Preset("model_not_found", ErrorKind.ModelNotFound);

    /// <inheritdoc />
    public ValueTask<FaultOutcome> ApplyAsync(FaultContext context, CancellationToken ct) =>
        ValueTask.FromResult(FaultOutcome.Respond(_template.For(context.Provider, context.Timeline)));

    private static FaultRegistration Preset(string name, ErrorKind kind) =>
        new(name, ErrorTemplate.Settings, settings => new ErrorPresetFault(name, ErrorTemplate.Read(settings, kind, status: null)));
}
