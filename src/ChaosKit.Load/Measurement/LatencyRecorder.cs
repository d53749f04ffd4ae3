using ChaosKit.Core.Results;
using HdrHistogram;

namespace ChaosKit.Load.Measurement;

/// <summary>
/// A latency distribution: an HdrHistogram in microseconds for the percentiles, plus exact count, sum, min and max.
/// Values are clamped into [0, 1 h] before recording, because HdrHistogram throws on values outside its range
/// (the NBomber #695 gotcha). Not thread-safe: the owner synchronises.
/// </summary>
internal sealed class LatencyRecorder
{
    private static readonly long HighestMicros = LoadConstants.HistogramHighest.Ticks / TimeSpan.TicksPerMicrosecond;

    private readonly int _significantDigits;
    private readonly bool _compact;
    private HistogramBase? _histogram;
    private long _count;
    private long _minMicros = long.MaxValue;
    private long _maxMicros;
    private double _sumMicros;

    /// <summary>Creates an empty recorder; its histogram is allocated on the first value.</summary>
    /// <param name="compact">
    /// For the per-second recorders, of which a run has thousands: 2 significant digits and 32-bit counts,
    /// about 14 KB instead of about 190 KB.
    /// </param>
    public LatencyRecorder(bool compact = false)
    {
        _compact = compact;
        _significantDigits = compact ? LoadConstants.SecondSignificantDigits : LoadConstants.SignificantDigits;
    }

    /// <summary>Values recorded.</summary>
    public long Count => _count;

    /// <summary>Records <paramref name="value"/>, clamped into the trackable range.</summary>
    public void Record(TimeSpan value)
    {
        var micros = Math.Clamp(value.Ticks / TimeSpan.TicksPerMicrosecond, 0, HighestMicros);
        _histogram ??= NewHistogram();
        _histogram.RecordValue(micros);
        _count++;
        _sumMicros += micros;
        if (micros < _minMicros) _minMicros = micros;
        if (micros > _maxMicros) _maxMicros = micros;
    }

    /// <summary>Adds every value of <paramref name="other"/> to this recorder.</summary>
    public void Add(LatencyRecorder other)
    {
        if (other._histogram is null || other._count == 0) return;
        _histogram ??= NewHistogram();
        _histogram.Add(other._histogram);
        _count += other._count;
        _sumMicros += other._sumMicros;
        _minMicros = Math.Min(_minMicros, other._minMicros);
        _maxMicros = Math.Max(_maxMicros, other._maxMicros);
    }

    /// <summary>
    /// The summary over the values of <paramref name="a"/> and <paramref name="b"/> together; a new histogram is
    /// merged only when both hold values.
    /// </summary>
    public static LatencySummary SummaryOf(LatencyRecorder a, LatencyRecorder b)
    {
        if (b._count == 0) return a.ToSummary();
        if (a._count == 0) return b.ToSummary();
        var both = new LatencyRecorder();
        both.Add(a);
        both.Add(b);
        return both.ToSummary();
    }

    /// <summary>Forgets every value but keeps the histogram's memory.</summary>
    public void Reset()
    {
        _histogram?.Reset();
        _count = 0;
        _sumMicros = 0;
        _minMicros = long.MaxValue;
        _maxMicros = 0;
    }

    private HistogramBase NewHistogram() => _compact
        ? new IntHistogram(HighestMicros, _significantDigits)
        : new LongHistogram(HighestMicros, _significantDigits);

    /// <summary>The value at <paramref name="percentile"/> (0–100) in milliseconds; 0 when empty.</summary>
    public double PercentileMs(double percentile)
    {
        if (_count == 0 || _histogram is null) return 0;
        // The histogram answers with its bucket's upper edge; never report more than the exact maximum.
        return Math.Min(_histogram.GetValueAtPercentile(percentile), _maxMicros) / 1000.0;
    }

    /// <summary>The distribution as the result model reports it.</summary>
    public LatencySummary ToSummary() => _count == 0
        ? LatencySummary.Empty
        : new LatencySummary(
            _count,
            MinMs: _minMicros / 1000.0,
            MeanMs: _sumMicros / _count / 1000.0,
            P50Ms: PercentileMs(50),
            P90Ms: PercentileMs(90),
            P95Ms: PercentileMs(95),
            P99Ms: PercentileMs(99),
            P999Ms: PercentileMs(99.9),
            MaxMs: _maxMicros / 1000.0)
        {
            P75Ms = PercentileMs(75),
            Spectrum = _compact ? null : Spectrum(),
        };

    /// <summary>The distinct recorded values and their cumulative counts, so any percentile can be read later.</summary>
    private PercentileSpectrum Spectrum()
    {
        var values = new List<double>();
        var cumulative = new List<long>();
        foreach (var bucket in _histogram!.RecordedValues())
        {
            // Report each bucket by its upper edge, as GetValueAtPercentile does, but never above the exact maximum.
            values.Add(Math.Min(bucket.ValueIteratedTo, _maxMicros) / 1000.0);
            cumulative.Add(bucket.TotalCountToThisValue);
        }
        return new PercentileSpectrum(values, cumulative);
    }
}
