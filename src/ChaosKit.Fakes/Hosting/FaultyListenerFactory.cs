using System.Net;
using Microsoft.AspNetCore.Connections;

namespace ChaosKit.Fakes.Hosting;

/// <summary>
/// Kestrel's transport for a fake with connection faults: Kestrel's own socket transport, with each listener
/// wrapped in a <see cref="FaultyConnectionListener"/> that applies the faults at accept.
/// </summary>
internal sealed class FaultyListenerFactory(IConnectionListenerFactory sockets, ConnectionFaultPlan plan, CancellationToken stopping)
    : IConnectionListenerFactory
{
    /// <inheritdoc />
    public async ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var listener = await sockets.BindAsync(endpoint, cancellationToken);
        return new FaultyConnectionListener(sockets, listener, plan, stopping);
    }
}
