using System.Net.Sockets;
using ChaosKit.Core.Scenarios;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// <c>reset_on_accept</c>: accepts the TCP connection and resets it at once (RST, linger 0) before reading a byte;
/// the client sees "connection reset by peer" (<see cref="SocketError.ConnectionReset"/>) on its first write or read.
/// </summary>
/// <remarks>
/// No settings. Acts per connection, at the fault's rate; while it is on, the fakes close each connection after its
/// answer so that every call opens a new one and meets the dice. The journal records each reset with status 0.
/// </remarks>
internal sealed class ResetOnAcceptFault : IConnectionFault
{
    /// <summary>The kind name.</summary>
    public const string Kind = "reset_on_accept";

    /// <summary>Registration for the catalog.</summary>
    public static FaultRegistration Registration { get; } = new(Kind, [], Create);

    /// <inheritdoc />
    public bool ClosesPort => false;

    /// <summary>Never called: the request pipeline skips connection faults, which the fakes' listener applies.</summary>
    public ValueTask<FaultOutcome> ApplyAsync(FaultContext context, CancellationToken ct) => ValueTask.FromResult(FaultOutcome.Continue);

    /// <inheritdoc />
    public ValueTask ApplyToConnectionAsync(ConnectionContext connection, CancellationToken ct)
    {
        // Closing the socket with linger 0 sends RST without the FIN a graceful Abort() sends first.
        if (connection.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket)
        {
            socket.LingerState = new LingerOption(enable: true, seconds: 0);
            socket.Close();
        }
        else
        {
            connection.Abort();
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>Describes the fault for reports.</summary>
    public override string ToString() => "reset on accept (TCP RST before any byte is read)";

    private static ResetOnAcceptFault Create(FaultSettings settings)
    {
        settings.EnsureAllRead(Registration.Settings);
        return new ResetOnAcceptFault();
    }
}
