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
    private readonly TimeSpan _firstToken;
    private bool _gotPiece;

    /// <summary>A deadline for a stream that starts now; with no <paramref name="limits"/>, only the user's request bounds it.</summary>
    /// <param name="limits">The profile's stream limits, if any.</param>
    /// <param name="requestAborted">The user's request.</param>
    /// <param name="anotherProviderFollows">
    /// Whether another provider can still be asked: then the first piece gets <see cref="ResilientSettings.FirstTokenFailover"/>,
    /// not the whole <see cref="ResilientSettings.FirstTokenTimeout"/>, since the user is better served by the next provider.
    /// </param>
    public StreamDeadline(ResilientSettings? limits, CancellationToken requestAborted, bool anotherProviderFollows = false)
    {
        _limits = limits;
        _requestAborted = requestAborted;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        if (limits is null) return;
        _firstToken = anotherProviderFollows ? Min(limits.FirstTokenFailover, limits.FirstTokenTimeout) : limits.FirstTokenTimeout;
        _cts.CancelAfter(Min(_firstToken, limits.StreamTotalTimeout));
    }

    /// <summary>Cancelled when the stream runs out of time or the user goes away.</summary>
    public CancellationToken Token => _cts.Token;

    /// <summary>Whether the stream ran out of time (and the user is still there).</summary>
    public bool Expired => _cts.IsCancellationRequested && !_requestAborted.IsCancellationRequested;

    /// <summary>How long the stream has run.</summary>
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

    /// <summary>Whether a piece of text has arrived.</summary>
    public bool GotPiece => _gotPiece;

    /// <summary>Whether the stream ran out of time before its first piece of text.</summary>
    public bool MissedFirstToken => Expired && !_gotPiece;

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
        if (!_gotPiece) return new TimeoutException($"no first token within {_firstToken.TotalSeconds:0.###} s");
        return Stopwatch.GetElapsedTime(_started) >= _limits.StreamTotalTimeout
            ? new TimeoutException($"the stream ran past {_limits.StreamTotalTimeout.TotalSeconds:0.###} s")
            : new TimeoutException($"the stream stalled for {_limits.StreamIdleTimeout.TotalSeconds:0.###} s");
    }

    /// <inheritdoc />
    public void Dispose() => _cts.Dispose();

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
