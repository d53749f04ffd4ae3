using System.Diagnostics;
using ChaosKit.SampleApp.Configuration;

namespace ChaosKit.SampleApp.Resilience;

/// <summary>
/// Bounds one provider stream in the <c>resilient</c> profile: its first piece within the first-token timeout, each
/// next piece within the idle timeout, the whole within the total. The HttpClient pipeline's timeouts end with the
/// response headers, which a stream sends before its first token, so a stream that stalls later is caught here.
/// </summary>
internal sealed class StreamDeadline : IDisposable
{
    private readonly ResilientSettings? _limits;
    private readonly CancellationToken _requestAborted;
    private readonly CancellationTokenSource _cts;
    private readonly long _started = Stopwatch.GetTimestamp();
    private bool _gotPiece;

    /// <summary>A deadline for a stream that starts now; with no <paramref name="limits"/>, only the user's request bounds it.</summary>
    public StreamDeadline(ResilientSettings? limits, CancellationToken requestAborted)
    {
        _limits = limits;
        _requestAborted = requestAborted;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        if (limits is not null) _cts.CancelAfter(Min(limits.FirstTokenTimeout, limits.StreamTotalTimeout));
    }

    /// <summary>Cancelled when the stream runs out of time or the user goes away.</summary>
    public CancellationToken Token => _cts.Token;

    /// <summary>Whether the stream ran out of time (and the user is still there).</summary>
    public bool Expired => _cts.IsCancellationRequested && !_requestAborted.IsCancellationRequested;

    /// <summary>A piece arrived: the next one has the idle timeout, within what is left of the total.</summary>
    public void OnPiece()
    {
        _gotPiece = true;
        if (_limits is null || _cts.IsCancellationRequested) return;
        var left = _limits.StreamTotalTimeout - Stopwatch.GetElapsedTime(_started);
        _cts.CancelAfter(Min(_limits.StreamIdleTimeout, left > TimeSpan.Zero ? left : TimeSpan.Zero));
    }

    /// <summary>Which limit ran out, for logs and the answer's reason.</summary>
    public TimeoutException Failure()
    {
        if (_limits is null) return new TimeoutException("the stream timed out");
        if (!_gotPiece) return new TimeoutException($"no first token within {_limits.FirstTokenTimeout.TotalSeconds:0.###} s");
        return Stopwatch.GetElapsedTime(_started) >= _limits.StreamTotalTimeout
            ? new TimeoutException($"the stream ran past {_limits.StreamTotalTimeout.TotalSeconds:0.###} s")
            : new TimeoutException($"the stream stalled for {_limits.StreamIdleTimeout.TotalSeconds:0.###} s");
    }

    /// <inheritdoc />
    public void Dispose() => _cts.Dispose();

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
