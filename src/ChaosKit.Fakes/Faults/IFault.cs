namespace ChaosKit.Fakes.Faults;

/// <summary>
/// What happens to a call once the dice have picked it. One method, as Toxiproxy's <c>Toxic</c>: a fault never
/// decides whether it fires (the <see cref="FaultSchedule"/> rolls for <see cref="Core.Scenarios.FaultSpec.Rate"/>), it only acts.
/// </summary>
/// <remarks>
/// A fault either works on the call and lets it continue (a delay) or asks for a different answer (an error).
/// Faults do not write the response as they apply: once every chosen fault has run, the request handler has the
/// provider's protocol render the error (so a delay listed after an error still delays it, and the error body is in
/// the provider's own format) or writes the call's own answer. A fault whose answer no protocol would send (a malformed body) hands the handler a writer
/// instead (<see cref="FaultOutcome.WriteItself"/>), which it runs after the other faults, in place of the answer.
/// Other abilities are opt-in: a fault that acts on a connection before any request is an <see cref="IConnectionFault"/>,
/// and a fault that shapes a stream adds a stage to the call's <see cref="Streaming.StreamFaultChain"/>. The catalog
/// builds each fault once per run: state a fault keeps between calls is its own to key (the quota's buckets are
/// per provider).
/// Faults must honour <c>ct</c>: it fires when the client disconnects or the fakes stop.
/// </remarks>
internal interface IFault
{
    /// <summary>Applies the fault to the call described by <paramref name="context"/>.</summary>
    ValueTask<FaultOutcome> ApplyAsync(FaultContext context, CancellationToken ct);
}
