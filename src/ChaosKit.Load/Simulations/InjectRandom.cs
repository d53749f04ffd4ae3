using ChaosKit.Core.Scenarios;

namespace ChaosKit.Load.Simulations;

/// <summary>
/// <c>inject_random</c>: each interval draws its rate uniformly from [min_rate, max_rate] with a seeded random, then
/// spreads that many arrivals evenly over the interval, so the same seed replays the same profile.
/// </summary>
internal sealed class InjectRandom : IOpenSegment
{
    private readonly TimeSpan _interval;
    private readonly double[] _rates; // arrivals in each interval, as drawn

    /// <summary>Lays out <paramref name="spec"/>, scaled and cut at <paramref name="limit"/>, drawing from <paramref name="seed"/>.</summary>
    public InjectRandom(InjectRandomSimulation spec, double timeScale, TimeSpan limit, int seed)
    {
        _interval = spec.Interval;
        Duration = Segments.Cut(Segments.Scale(spec.During, timeScale), limit);
        var intervals = (int)Math.Min(int.MaxValue, Math.Ceiling(Duration.Ticks / (double)_interval.Ticks));
        var random = new Random(seed);
        _rates = new double[intervals];
        long count = 0;
        for (var k = 0; k < intervals; k++)
        {
            _rates[k] = spec.MinRate + (spec.MaxRate - spec.MinRate) * random.NextDouble();
            count += IntervalCount(k);
        }
        Count = count;
        EndRatePerSecond = intervals == 0 ? 0 : _rates[^1] / _interval.TotalSeconds;
    }

    /// <inheritdoc />
    public TimeSpan Duration { get; }

    /// <inheritdoc />
    public double EndRatePerSecond { get; }

    /// <inheritdoc />
    public long Count { get; }

    /// <summary>The rate drawn for interval <paramref name="index"/>, in arrivals per interval.</summary>
    public double RateOfInterval(int index) => _rates[index];

    /// <inheritdoc />
    public IEnumerable<TimeSpan> Offsets()
    {
        for (var k = 0; k < _rates.Length; k++)
        {
            var start = _interval * k;
            var n = IntervalCount(k);
            for (long j = 0; j < n; j++) yield return start + Spacing(k, j);
        }
    }

    // Arrivals of interval k that fall inside it (and before the segment's end, for a last partial interval).
    private long IntervalCount(int k)
    {
        if (_rates[k] <= 0) return 0;
        var length = Segments.Cut(_interval, Duration - _interval * k);
        return Segments.CountBefore(_rates[k] * length.TotalSeconds / _interval.TotalSeconds, j => Spacing(k, j), length);
    }

    private TimeSpan Spacing(int k, long j) => TimeSpan.FromTicks((long)Math.Round(j * _interval.Ticks / _rates[k]));
}
