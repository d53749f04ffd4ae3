using ChaosKit.Core.Results;

namespace ChaosKit.Load.Measurement;

/// <summary>Counts iterations by outcome; the one place the outcome switch lives. Not thread-safe: the owner synchronises.</summary>
internal struct OutcomeTally
{
    private long _ok, _fallback, _failed, _timeout, _error, _dropped;

    /// <summary>Counts <paramref name="outcome"/>; false for a dropped arrival, which has no latency or status to record.</summary>
    public bool Add(IterationOutcome outcome)
    {
        switch (outcome)
        {
            case IterationOutcome.Ok: _ok++; return true;
            case IterationOutcome.Fallback: _fallback++; return true;
            case IterationOutcome.Failed: _failed++; return true;
            case IterationOutcome.Timeout: _timeout++; return true;
            case IterationOutcome.Error: _error++; return true;
            default: _dropped++; return false;
        }
    }

    /// <summary>Adds another tally's counts to this one.</summary>
    public void Add(in OutcomeTally other)
    {
        _ok += other._ok;
        _fallback += other._fallback;
        _failed += other._failed;
        _timeout += other._timeout;
        _error += other._error;
        _dropped += other._dropped;
    }

    /// <summary>The counts as the result model reports them; scheduled is their sum.</summary>
    public readonly OutcomeCounts ToCounts() =>
        new(_ok + _fallback + _failed + _timeout + _error + _dropped, _ok, _fallback, _failed, _timeout, _error, _dropped);

    /// <summary>The counts as a per-second bucket with the given percentiles.</summary>
    public readonly SecondBucket ToBucket(int second, double p50Ms, double p95Ms, double p99Ms) =>
        new(second, _ok, _fallback, _failed, _timeout, _error, _dropped, p50Ms, p95Ms, p99Ms);
}
