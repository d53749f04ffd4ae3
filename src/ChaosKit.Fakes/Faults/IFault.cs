namespace ChaosKit.Fakes.Faults;

/// <summary>
/// What happens to a call once the dice have picked it. One method, as Toxiproxy's <c>Toxic</c>: a fault never
/// decides whether it fires (the phase wrapper rolls for <see cref="Core.Scenarios.FaultSpec.Rate"/>), it only acts.
/// </summary>
/// <remarks>
/// A fault either works on the call and lets it continue (a delay) or asks for a different answer (an error).
/// Faults do not write the response as they apply: the request handler has the resolved call render the answer
/// after every chosen fault has run, so a delay listed after an error still delays it, and the error body is in the
/// provider's own format. A fault whose answer no protocol would send (a malformed body) hands the handler a writer
/// instead (<see cref="FaultOutcome.WriteItself"/>), which it runs after the other faults, in place of the answer.
/// Extra abilities (per-stream state, stream rewriting) arrive later as separate opt-in interfaces.
/// Faults must honour <c>ct</c>: it fires when the client disconnects or the fakes stop.
/// </remarks>
internal interface IFault
{
    /// <summary>Applies the fault to the call described by <paramref name="context"/>.</summary>
    ValueTask<FaultOutcome> ApplyAsync(FaultContext context, CancellationToken ct);
}
