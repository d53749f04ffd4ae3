using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace ChaosKit.Fakes.Hosting;

/// <summary>
/// A listener that applies a fake's connection faults before Kestrel sees a connection: connections the dice pick
/// are handed to their fault (reset, held) and never reach HTTP; while <c>connection_refused</c> is on, the socket
/// listener is closed so the port refuses, then bound again on the same port.
/// </summary>
/// <remarks>
/// The closed-port state follows the run clock (phases, flaps, <c>serve</c>'s pauses and jumps) by looking at it
/// every <see cref="WatchInterval"/> of the run's time, so only listeners whose scenario closes the port keep a timer.
/// </remarks>
internal sealed class FaultyConnectionListener : IConnectionListener
{
    /// <summary>How often the listener checks whether the port should be closed or open.</summary>
    public static readonly TimeSpan WatchInterval = TimeSpan.FromMilliseconds(10);

    private readonly IConnectionListenerFactory _sockets;
    private readonly ConnectionFaultPlan _plan;
    private readonly CancellationTokenSource _closing;
    private readonly ConcurrentDictionary<Task, byte> _faulted = new();
    private readonly ConcurrentDictionary<ConnectionContext, byte> _open = new();
    private readonly Task _watching;
    private volatile IConnectionListener? _listener;
    private volatile TaskCompletionSource _reopened = NewSignal();

    public FaultyConnectionListener(
        IConnectionListenerFactory sockets, IConnectionListener listener, ConnectionFaultPlan plan, CancellationToken stopping)
    {
        _sockets = sockets;
        _listener = listener;
        _plan = plan;
        // The bound endpoint carries the real port when port 0 was asked for; the port reopens there.
        EndPoint = listener.EndPoint;
        _closing = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _watching = plan.MayClosePort ? WatchPortAsync(_closing.Token) : Task.CompletedTask;
    }

    /// <inheritdoc />
    public EndPoint EndPoint { get; }

    /// <inheritdoc />
    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        while (!_closing.IsCancellationRequested)
        {
            var listener = _listener;
            if (listener is null)
            {
                await _reopened.Task.WaitAsync(cancellationToken);
                continue;
            }
            var connection = await listener.AcceptAsync(cancellationToken);
            if (connection is null) continue; // that socket listener was closed: the port is closed, or Kestrel unbinds us
            if (_plan.PickForNewConnection() is { } picked)
            {
                Track(ApplyAsync(connection, picked));
                continue;
            }
            if (_plan.MayClosePort) Remember(connection);
            return connection;
        }
        return null;
    }

    /// <inheritdoc />
    public async ValueTask UnbindAsync(CancellationToken cancellationToken = default)
    {
        await _closing.CancelAsync();
        _reopened.TrySetResult();
        if (_listener is { } listener) await listener.UnbindAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        _reopened.TrySetResult();
        await _watching;
        await Task.WhenAll(_faulted.Keys);
        if (Interlocked.Exchange(ref _listener, null) is { } listener) await listener.DisposeAsync();
        _closing.Dispose();
    }

    private async Task ApplyAsync(ConnectionContext connection, PickedConnectionFault picked)
    {
        try
        {
            await picked.Fault.ApplyToConnectionAsync(connection, _closing.Token);
        }
        finally
        {
            try
            {
                connection.Abort();
                await connection.DisposeAsync();
            }
            catch (ObjectDisposedException)
            {
                // The fault closed the socket itself (a reset).
            }
            _plan.RecordConnection(picked);
        }
    }

    private void Track(Task faulted)
    {
        _faulted.TryAdd(faulted, 0);
        faulted.ContinueWith(t => _faulted.TryRemove(t, out _), TaskScheduler.Default);
    }

    private void Remember(ConnectionContext connection)
    {
        _open.TryAdd(connection, 0);
        connection.ConnectionClosed.Register(() => _open.TryRemove(connection, out _));
    }

    private async Task WatchPortAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(WatchInterval, _plan.Time, ct);
                var shouldClose = _plan.PortClosedNow();
                if (shouldClose && _listener is { } open) await ClosePortAsync(open);
                else if (!shouldClose && _listener is null) await TryReopenAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The fakes are stopping.
        }
    }

    private async Task ClosePortAsync(IConnectionListener open)
    {
        _reopened = NewSignal();
        _listener = null;
        await open.UnbindAsync();
        await open.DisposeAsync();
        // A host that goes down drops its kept-alive connections too; otherwise pooled clients would never notice.
        foreach (var connection in _open.Keys) connection.Abort();
        _plan.RecordPortClosed();
    }

    private async Task TryReopenAsync(CancellationToken ct)
    {
        try
        {
            _listener = await _sockets.BindAsync(EndPoint, ct);
            _reopened.TrySetResult();
        }
        catch (Exception e) when (e is AddressInUseException or SocketException)
        {
            // The port is not free again yet; the next look tries again.
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
