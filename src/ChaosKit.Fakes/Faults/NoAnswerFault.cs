namespace ChaosKit.Fakes.Faults;

/// <summary>
/// Calls that never get an answer. <c>hang</c> accepts the call and says nothing, until the client gives up (its
/// timeout) or the fakes stop; use <c>latency</c> with a long <c>delay</c> for a slow answer that does come.
/// <c>reset</c> cuts the connection before any answer (<c>HttpContext.Abort()</c>, a TCP RST): the client sees an I/O
/// error such as "connection reset by peer" or "response ended prematurely", never a status.
/// </summary>
/// <remarks>
/// No settings. The journal records the call as unanswered (status 499). The wait is a cancellable timer, not a
/// blocked thread, so thousands of held calls cost almost nothing.
/// </remarks>
internal sealed class NoAnswerFault(bool reset) : IFault
{
    /// <summary><c>hang</c>: accepted, never answered.</summary>
    public static FaultRegistration Hang { get; } = new("hang", [], _ => new NoAnswerFault(reset: false));

    /// <summary><c>reset</c>: the connection cut before any answer.</summary>
    public static FaultRegistration Reset { get; } = new("reset", [], _ => new NoAnswerFault(reset: true));

    /// <inheritdoc />
    public async ValueTask<FaultOutcome> ApplyAsync(FaultContext context, CancellationToken ct)
    {
        // An abort fires the call's token: the wait then ends at once, and the handler sees a cancelled, unanswered call.
        if (reset) context.Exchange.Http.Abort();
        await ConnectionWait.UntilCancelledAsync(context.Time, ct);
        return FaultOutcome.Continue;
    }

}
