using System.Globalization;
using ChaosKit.Core.Scenarios;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// <c>error</c>: answers with an HTTP error in the provider's own format, e.g. Anthropic's 529
/// <c>overloaded_error</c> "Overloaded".
/// </summary>
/// <remarks>
/// Settings: <c>status</c> (required, 400–599), <c>retry_after</c> (optional duration, sent as whole seconds in
/// <c>retry-after</c> and scaled with the run like every other duration), <c>should_retry</c> (optional bool, sent
/// as <c>x-should-retry</c>, the only signal that stops the Stainless SDKs retrying) and <c>message</c> (optional,
/// replaces the provider's usual wording).
/// </remarks>
internal sealed class ErrorFault : IFault
{
    /// <summary>The kind name.</summary>
    public const string Kind = "error";

    private readonly ErrorReply _reply;

    private ErrorFault(ErrorReply reply) => _reply = reply;

    /// <summary>Registration for the catalog.</summary>
    public static FaultRegistration Registration { get; } =
        new(Kind, ["status", "retry_after", "should_retry", "message"], Create);

    /// <inheritdoc />
    public ValueTask<FaultOutcome> ApplyAsync(FaultContext context, CancellationToken ct) =>
        ValueTask.FromResult(FaultOutcome.Respond(_reply.ScaledTo(context.Timeline)));

    /// <summary>Describes the fault for reports, e.g. <c>error 429 (retry-after 2s)</c>.</summary>
    public override string ToString() => $"{Kind} {_reply.Status.ToString(CultureInfo.InvariantCulture)}{_reply.DescribeHints()}";

    private static ErrorFault Create(FaultSettings settings)
    {
        var status = settings.GetRequiredInt("status");
        if (status is < 400 or > 599)
            throw settings.Invalid("status", $"expected an HTTP error status from 400 to 599 (e.g. 429, 500 or 529), got {status}");
        var reply = ErrorReply.Read(settings, status);
        settings.EnsureAllRead(Registration.Settings);
        return new ErrorFault(reply);
    }
}
