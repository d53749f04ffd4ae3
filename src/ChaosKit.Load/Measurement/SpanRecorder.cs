using System.Globalization;
using ChaosKit.Core.Results;

namespace ChaosKit.Load.Measurement;

/// <summary>Outcomes, status codes and the three latency views for one span of the run (a phase, or all of it).</summary>
internal sealed class SpanRecorder
{
    private readonly Dictionary<int, long> _statusCodes = [];
    private long _ok, _fallback, _failed, _timeout, _error, _dropped;

    /// <summary>Scheduled start to end.</summary>
    public LatencyRecorder Latency { get; } = new();

    /// <summary>Actual send to end.</summary>
    public LatencyRecorder ServiceLatency { get; } = new();

    /// <summary>Actual send minus scheduled start.</summary>
    public LatencyRecorder DispatchDelay { get; } = new();

    /// <summary>Adds one iteration.</summary>
    public void Record(in IterationSample sample)
    {
        switch (sample.Outcome)
        {
            case IterationOutcome.Ok: _ok++; break;
            case IterationOutcome.Fallback: _fallback++; break;
            case IterationOutcome.Failed: _failed++; break;
            case IterationOutcome.Timeout: _timeout++; break;
            case IterationOutcome.Error: _error++; break;
            default: _dropped++; return; // never sent: no latency, no status
        }
        Latency.Record(sample.Latency);
        ServiceLatency.Record(sample.ServiceLatency);
        DispatchDelay.Record(sample.DispatchDelay);
        _statusCodes[sample.StatusCode] = _statusCodes.GetValueOrDefault(sample.StatusCode) + 1;
    }

    /// <summary>The outcome counts so far; scheduled is their sum.</summary>
    public OutcomeCounts Outcomes =>
        new(_ok + _fallback + _failed + _timeout + _error + _dropped, _ok, _fallback, _failed, _timeout, _error, _dropped);

    /// <summary>The span's statistics.</summary>
    /// <param name="spanSeconds">Length of the span in seconds, for throughput; 0 gives a throughput of 0.</param>
    public PhaseStats ToStats(double spanSeconds)
    {
        var outcomes = Outcomes;
        var completed = outcomes.Scheduled - outcomes.Dropped;
        var statusCodes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (code, count) in _statusCodes)
            statusCodes[code == 0 ? "none" : code.ToString(CultureInfo.InvariantCulture)] = count;
        return new PhaseStats(
            outcomes,
            Latency.ToSummary(),
            ServiceLatency.ToSummary(),
            DispatchDelay.ToSummary(),
            spanSeconds > 0 ? completed / spanSeconds : 0,
            statusCodes);
    }
}

/// <summary>Outcomes and scheduled-start latency of the iterations scheduled in one second of the run.</summary>
internal sealed class SecondRecorder
{
    private long _ok, _fallback, _failed, _timeout, _error, _dropped;
    private readonly LatencyRecorder _latency = new(compact: true);

    /// <summary>Adds one iteration.</summary>
    public void Record(in IterationSample sample)
    {
        switch (sample.Outcome)
        {
            case IterationOutcome.Ok: _ok++; break;
            case IterationOutcome.Fallback: _fallback++; break;
            case IterationOutcome.Failed: _failed++; break;
            case IterationOutcome.Timeout: _timeout++; break;
            case IterationOutcome.Error: _error++; break;
            default: _dropped++; return;
        }
        _latency.Record(sample.Latency);
    }

    /// <summary>The bucket for second <paramref name="second"/>.</summary>
    public SecondBucket ToBucket(int second) => new(
        second, _ok, _fallback, _failed, _timeout, _error, _dropped,
        _latency.PercentileMs(50), _latency.PercentileMs(95), _latency.PercentileMs(99));

    /// <summary>An empty bucket, for seconds nothing was scheduled in.</summary>
    public static SecondBucket Empty(int second) => new(second, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
