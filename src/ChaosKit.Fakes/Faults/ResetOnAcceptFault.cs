using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// <c>reset_on_accept</c>: accepts the TCP connection and resets it (RST, linger 0) as soon as the client's first bytes
/// arrive, before any is handled; the client sees "connection reset by peer" (<see cref="SocketError.ConnectionReset"/>).
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
    public static FaultRegistration Registration { get; } = new(Kind, [], _ => new ResetOnAcceptFault());

    /// <inheritdoc />
    public bool ClosesPort => false;

    // How long to wait for a client that connects but sends nothing before resetting anyway.
    private static readonly TimeSpan FirstBytesWait = TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    public async ValueTask ApplyToConnectionAsync(ConnectionContext connection, CancellationToken ct)
    {
        // Wait for the request's first bytes (bounded) before resetting. A reset that lands while the client is still
        // finishing its connect makes .NET's HttpClient throw a bare SocketException ("Transport endpoint is not
        // connected", from reading the peer's address) that the SDKs neither wrap nor retry: seen once in CI. A reset
        // once the request is on its way is the ECONNRESET clients meet from real load balancers.
        using (var firstBytes = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            firstBytes.CancelAfter(FirstBytesWait);
            try
            {
                await connection.Transport.Input.ReadAsync(firstBytes.Token);
            }
            catch (OperationCanceledException)
            {
                // Nothing arrived in time, or the fakes are stopping: reset all the same.
            }
        }

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
    }

}
