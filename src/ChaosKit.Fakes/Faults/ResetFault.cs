using ChaosKit.Core.Scenarios;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// <c>reset</c>: cuts the connection before any answer (<c>HttpContext.Abort()</c>, a TCP RST): the client sees an
/// I/O error such as "connection reset by peer" or "response ended prematurely", never a status.
/// </summary>
/// <remarks>No settings. The journal records the call as unanswered (status 499).</remarks>
internal sealed class ResetFault : IFault
{
    /// <summary>The kind name.</summary>
    public const string Kind = "reset";

    /// <summary>Registration for the catalog.</summary>
    public static FaultRegistration Registration { get; } = new(Kind, [], Create);

    /// <inheritdoc />
    public async ValueTask<FaultOutcome> ApplyAsync(FaultContext context, CancellationToken ct)
    {
        context.Exchange.Http.Abort();
        // The abort fires the call's token; wait for it so the handler sees a cancelled, unanswered call.
        await ConnectionWait.UntilCancelledAsync(context.Time, ct);
        return FaultOutcome.Continue;
    }

    /// <summary>Describes the fault for reports.</summary>
    public override string ToString() => "reset (connection cut before any answer)";

    private static ResetFault Create(FaultSettings settings)
    {
        settings.EnsureAllRead(Registration.Settings);
        return new ResetFault();
    }
}
