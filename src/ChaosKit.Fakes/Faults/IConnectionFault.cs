using Microsoft.AspNetCore.Connections;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// The opt-in ability of faults that act on a TCP connection before any HTTP request is read (refused, reset on
/// accept, hang on accept). The fakes' listener applies them (see <c>Hosting/FaultyConnectionListener</c>); the
/// request pipeline skips them, so a connection fault never also hits the calls of connections it let through.
/// </summary>
internal interface IConnectionFault : IFault
{
    /// <summary>
    /// True when the fault closes the port for as long as it is on (nothing listens), rather than acting on single
    /// connections; such a fault holds for every connection, so its rate is always 1.
    /// </summary>
    bool ClosesPort { get; }

    /// <summary>
    /// Acts on one accepted connection the dice picked; the connection is the fault's until this returns, and the
    /// caller disposes it then. Ends at the latest when <paramref name="ct"/> fires (the fakes stop).
    /// </summary>
    ValueTask ApplyToConnectionAsync(ConnectionContext connection, CancellationToken ct);

    /// <summary>Never called: the request pipeline skips connection faults, which the fakes' listener applies.</summary>
    ValueTask<FaultOutcome> IFault.ApplyAsync(FaultContext context, CancellationToken ct) => ValueTask.FromResult(FaultOutcome.Continue);
}
