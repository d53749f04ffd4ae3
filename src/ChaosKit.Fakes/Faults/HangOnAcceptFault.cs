using Microsoft.AspNetCore.Connections;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// <c>hang_on_accept</c>: accepts the TCP connection and then says nothing — no HTTP request is parsed and no byte
/// is written — until the client gives up (closes the connection) or the fakes stop. Unlike <c>hang</c>, the client
/// cannot tell this from a server too busy to read its request; only its own timeout ends the call.
/// </summary>
/// <remarks>
/// No settings. Acts per connection, at the fault's rate. Bytes the client sends are drained and dropped, so
/// nothing piles up; the wait is asynchronous, so held connections cost no thread. The journal records each one with
/// status 0 and the time it was held.
/// </remarks>
internal sealed class HangOnAcceptFault : IConnectionFault
{
    /// <summary>The kind name.</summary>
    public const string Kind = "hang_on_accept";

    /// <summary>Registration for the catalog.</summary>
    public static FaultRegistration Registration { get; } = new(Kind, [], _ => new HangOnAcceptFault());

    /// <inheritdoc />
    public bool ClosesPort => false;

    /// <inheritdoc />
    public async ValueTask ApplyToConnectionAsync(ConnectionContext connection, CancellationToken ct)
    {
        var input = connection.Transport.Input;
        try
        {
            // Each read waits for the client; it ends when the client closes (IsCompleted) or the fakes stop.
            while (true)
            {
                var read = await input.ReadAsync(ct);
                input.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted || read.IsCanceled) return;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The fakes are stopping; the caller closes the connection.
        }
        catch (Exception e) when (e is IOException or ConnectionResetException or ConnectionAbortedException)
        {
            // The client reset the connection: it gave up.
        }
    }

}
