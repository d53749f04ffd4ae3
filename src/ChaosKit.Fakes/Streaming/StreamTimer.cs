using System.Threading.Tasks.Sources;

namespace ChaosKit.Fakes.Streaming;

/// <summary>
/// One stream's timer, re-armed for each wait between its chunks, on the run's <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// Why not <c>Task.Delay</c>: it allocates a timer, a promise and a cancellation registration for every wait, one wait
/// per token; with thousands of open streams that garbage, and the collections it brings, lands in the gaps between
/// chunks. This awaitable allocates its timer and its registration once per stream. Not thread-safe: one wait at a
/// time, as a stream waits.
/// </remarks>
internal sealed class StreamTimer : IValueTaskSource, IDisposable
{
    private readonly ITimer _timer;
    private readonly CancellationToken _ct;
    private readonly CancellationTokenRegistration _registration;
    // Continuations run where the wait ends (the timer's thread), as Task.Delay's do: no extra thread-pool hop.
    private ManualResetValueTaskSourceCore<bool> _core;
    // 1 while a wait is armed; the timer and a cancellation race to set it back to 0, and the winner ends the wait.
    private int _armed;

    /// <summary>Creates the timer of one stream; <paramref name="ct"/> ends any wait at once.</summary>
    public StreamTimer(TimeProvider time, CancellationToken ct)
    {
        _ct = ct;
        _timer = time.CreateTimer(static state => ((StreamTimer)state!).End(canceled: false), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _registration = ct.UnsafeRegister(static state => ((StreamTimer)state!).End(canceled: true), this);
    }

    /// <summary>Waits <paramref name="delay"/>; throws <see cref="OperationCanceledException"/> when the token fires first.</summary>
    public ValueTask WaitAsync(TimeSpan delay)
    {
        _core.Reset();
        Volatile.Write(ref _armed, 1);
        if (_ct.IsCancellationRequested) End(canceled: true);
        else _timer.Change(delay, Timeout.InfiniteTimeSpan);
        return new ValueTask(this, _core.Version);
    }

    private void End(bool canceled)
    {
        if (Interlocked.Exchange(ref _armed, 0) != 1) return;
        if (canceled) _core.SetException(new OperationCanceledException(_ct));
        else _core.SetResult(true);
    }

    /// <inheritdoc />
    public void GetResult(short token) => _core.GetResult(token);

    /// <inheritdoc />
    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    /// <inheritdoc />
    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    /// <inheritdoc />
    public void Dispose()
    {
        _registration.Dispose();
        _timer.Dispose();
    }
}
