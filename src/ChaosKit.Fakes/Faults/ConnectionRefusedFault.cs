using Microsoft.AspNetCore.Connections;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// <c>connection_refused</c>: while the fault is on, nothing listens on the provider's port, so a new connection
/// is refused (<c>ECONNREFUSED</c>; .NET raises <see cref="System.Net.Http.HttpRequestException"/> over a
/// <see cref="System.Net.Sockets.SocketException"/> with <c>ConnectionRefused</c>), as when the provider's host is down.
/// Connections open when it starts are closed; the same port listens again when it ends.
/// </summary>
/// <remarks>
/// No settings. TCP cannot refuse a share of connections, so the fault holds for the whole phase (or each "on"
/// stretch of a <c>flap</c>): any <c>rate</c> other than 1, and any ramp, is a scenario error. The journal gets one
/// line (status 0) each time the port closes.
/// </remarks>
internal sealed class ConnectionRefusedFault : IConnectionFault
{
    /// <summary>The kind name.</summary>
    public const string Kind = "connection_refused";

    /// <summary>Registration for the catalog.</summary>
    public static FaultRegistration Registration { get; } = new(Kind, [], _ => new ConnectionRefusedFault());

    /// <inheritdoc />
    public bool ClosesPort => true;

    /// <inheritdoc />
    public ValueTask ApplyToConnectionAsync(ConnectionContext connection, CancellationToken ct) =>
        ValueTask.CompletedTask; // The listener never accepts while the port is closed.

}
