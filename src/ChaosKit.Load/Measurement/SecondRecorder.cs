using ChaosKit.Core.Results;

namespace ChaosKit.Load.Measurement;

/// <summary>Outcomes and scheduled-start latency of the iterations scheduled in one second of the run.</summary>
internal sealed class SecondRecorder
{
    private OutcomeTally _outcomes;
    private readonly LatencyRecorder _latency = new(compact: true);

    // Only a streamed step has a first byte: the recorder exists from the first one, so other runs pay nothing.
    private LatencyRecorder? _firstByte;

    /// <summary>Adds one iteration.</summary>
    public void Record(in IterationSample sample)
    {
        if (_outcomes.Add(sample.Outcome)) _latency.Record(sample.Latency);
    }

    /// <summary>Adds the time to first byte of a streamed step of an iteration scheduled in this second.</summary>
    public void RecordFirstByte(TimeSpan timeToFirstByte) => (_firstByte ??= new LatencyRecorder(compact: true)).Record(timeToFirstByte);

    /// <summary>Adds everything <paramref name="other"/> recorded.</summary>
    public void Add(SecondRecorder other)
    {
        _outcomes.Add(other._outcomes);
        _latency.Add(other._latency);
        if (other._firstByte is { } firstByte) (_firstByte ??= new LatencyRecorder(compact: true)).Add(firstByte);
    }

    /// <summary>The bucket for second <paramref name="second"/>.</summary>
    public SecondBucket ToBucket(int second) =>
        _outcomes.ToBucket(second, _latency.PercentileMs(50), _latency.PercentileMs(95), _latency.PercentileMs(99)) with
        {
            TtfbP95Ms = _firstByte is { Count: > 0 } firstByte ? firstByte.PercentileMs(95) : 0,
        };

    /// <summary>
    /// <paramref name="folded"/> with the outcomes of iterations that ended after it was folded; its percentiles stay
    /// those of the iterations folded into it.
    /// </summary>
    public static SecondBucket WithLate(SecondBucket folded, SecondRecorder late)
    {
        var more = late._outcomes.ToBucket(folded.Second, 0, 0, 0);
        return folded with
        {
            Ok = folded.Ok + more.Ok,
            Fallback = folded.Fallback + more.Fallback,
            Failed = folded.Failed + more.Failed,
            Timeout = folded.Timeout + more.Timeout,
            Error = folded.Error + more.Error,
            Dropped = folded.Dropped + more.Dropped,
        };
    }

    /// <summary>An empty bucket, for seconds nothing was scheduled in.</summary>
    public static SecondBucket Empty(int second) => new(second, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
