using ChaosKit.Core.Scenarios;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// Named errors, so scenarios read as what happens rather than as status codes: <c>rate_limit</c> (429),
/// <c>overloaded</c> (Anthropic 529, OpenAI, Azure and Gemini 503), <c>quota_exhausted</c> (429 with
/// <c>x-should-retry: false</c>, the only signal that stops the Stainless SDKs retrying a spent quota) and
/// <c>context_length</c> (400, the provider's "prompt is too long" body). The protocol renders the body.
/// </summary>
/// <remarks>
/// Settings as <c>error</c>, without <c>status</c>: <c>retry_after</c>, <c>should_retry</c>, <c>message</c>.
/// A quota's body is the provider's rate-limit body until the protocols render <c>insufficient_quota</c>.
/// </remarks>
internal sealed class ErrorPresetFault : IFault
{
    private static readonly string[] Settings = ["retry_after", "should_retry", "message"];
    private readonly string _kind;
    private readonly Func<ProviderKind, int> _status;
    private readonly ErrorReply _hints;

    private ErrorPresetFault(string kind, Func<ProviderKind, int> status, ErrorReply hints)
    {
        _kind = kind;
        _status = status;
        _hints = hints;
    }

    /// <summary><c>rate_limit</c>: 429.</summary>
    public static FaultRegistration RateLimit { get; } = Preset("rate_limit", _ => 429);

    /// <summary><c>overloaded</c>: what each provider answers when it has no capacity.</summary>
    public static FaultRegistration Overloaded { get; } = Preset("overloaded", kind => kind == ProviderKind.Anthropic ? 529 : 503);

    /// <summary><c>quota_exhausted</c>: 429 that tells SDKs not to retry.</summary>
    public static FaultRegistration QuotaExhausted { get; } = Preset("quota_exhausted", _ => 429, defaultShouldRetry: false);

    /// <summary><c>context_length</c>: the 400 for a prompt longer than the model's context.</summary>
    public static FaultRegistration ContextLength { get; } = Preset("context_length", _ => 400);

    /// <inheritdoc />
    public ValueTask<FaultOutcome> ApplyAsync(FaultContext context, CancellationToken ct) =>
        ValueTask.FromResult(FaultOutcome.Respond((_hints with { Status = _status(context.Kind) }).ScaledTo(context.Timeline)));

    /// <summary>Describes the fault for reports, e.g. <c>quota_exhausted (x-should-retry false)</c>.</summary>
    public override string ToString() => _kind + _hints.DescribeHints();

    private static FaultRegistration Preset(string kind, Func<ProviderKind, int> status, bool? defaultShouldRetry = null) =>
        new(kind, Settings, settings =>
        {
            var hints = ErrorReply.Read(settings, status: 0, defaultShouldRetry);
            settings.EnsureAllRead(Settings);
            return new ErrorPresetFault(kind, status, hints);
        });
}
