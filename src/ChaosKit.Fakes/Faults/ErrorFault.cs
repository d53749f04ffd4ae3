using ChaosKit.Core.Scenarios;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// <c>error</c>: answers with an HTTP error in the provider's own format, e.g. Anthropic's 529
/// <c>overloaded_error</c> "Overloaded". A status that stands for a named error (401, 404, 429, 500, 502, 503,
/// 504, 529, ...) gets that error's body and default retry hints, as the preset of that name would.
/// </summary>
/// <remarks>
/// Settings: <c>status</c> (required, 400–599), the retry hints <c>retry_after</c>, <c>retry_after_ms</c> and
/// <c>should_retry</c> (see <see cref="RetryHints"/>; durations scale with the run) and <c>message</c> (optional,
/// replaces the provider's usual wording).
/// </remarks>
internal sealed class ErrorFault : IFault
{
    /// <summary>The kind name.</summary>
    public const string Kind = "error";

    private readonly ErrorTemplate _template;

    private ErrorFault(ErrorTemplate template) => _template = template;

    /// <summary>Registration for the catalog.</summary>
    public static FaultRegistration Registration { get; } = new(Kind, ["status", .. ErrorTemplate.Settings], Create);

    /// <inheritdoc />
    public ValueTask<FaultOutcome> ApplyAsync(FaultContext context, CancellationToken ct) =>
        ValueTask.FromResult(FaultOutcome.Respond(_template.For(context.Provider, context.Timeline)));

    private static ErrorFault Create(FaultSettings settings)
    {
        var status = settings.GetRequiredInt("status");
        if (status is < 400 or > 599)
            throw settings.Invalid("status", $"expected an HTTP error status from 400 to 599 (e.g. 429, 500 or 529), got {status}");
        var template = ErrorTemplate.Read(settings, kind: null, status);
        return new ErrorFault(template);
    }
}
