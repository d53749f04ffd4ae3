using ChaosKit.Core.Scenarios;

namespace ChaosKit.Load.Simulations;

/// <summary>
/// <c>ramping_inject</c>: the rate moves linearly from <c>r0</c> (the previous simulation's end rate, 0 first) to
/// <c>r1</c> over <c>D</c>. Arrivals follow that curve exactly: arrival <c>i</c> starts when the expected count
/// <c>N(t) = r0·t + (r1 − r0)·t² / 2D</c> reaches <c>i</c>, so every second holds the area under the ramp.
/// </summary>
internal sealed class RampingInject : IOpenSegment
{
    private readonly double _r0;
    private readonly double _halfSlope; // (r1 - r0) / 2D, per second squared
    private readonly double _fullSeconds;

    /// <summary>Lays out <paramref name="spec"/> from <paramref name="previousRatePerSecond"/>, scaled and cut at <paramref name="limit"/>.</summary>
    public RampingInject(RampingInjectSimulation spec, double previousRatePerSecond, double timeScale, TimeSpan limit)
    {
        _r0 = previousRatePerSecond;
        var r1 = spec.Rate / spec.Interval.TotalSeconds;
        var full = Segments.Scale(spec.During, timeScale);
        _fullSeconds = full.TotalSeconds;
        _halfSlope = (r1 - _r0) / (2 * _fullSeconds);
        Duration = Segments.Cut(full, limit);
        EndRatePerSecond = RateAt(Duration);
        Count = Segments.CountBefore(ExpectedCount(Duration.TotalSeconds), OffsetOf, Duration);
    }

    /// <inheritdoc />
    public TimeSpan Duration { get; }

    /// <inheritdoc />
    public double EndRatePerSecond { get; }

    /// <inheritdoc />
    public long Count { get; }

    /// <summary>The instantaneous rate, per second, <paramref name="offset"/> into the ramp.</summary>
    public double RateAt(TimeSpan offset) => _r0 + 2 * _halfSlope * Math.Min(offset.TotalSeconds, _fullSeconds);

    /// <inheritdoc />
    public IEnumerable<TimeSpan> Offsets()
    {
        for (long i = 0; i < Count; i++) yield return OffsetOf(i);
    }

    private double ExpectedCount(double seconds) => _r0 * seconds + _halfSlope * seconds * seconds;

    /// <summary>Solves N(t) = i; the 2i / (r0 + √(r0² + 4ai)) form stays exact for flat and falling ramps too.</summary>
    private TimeSpan OffsetOf(long i)
    {
        if (i == 0) return TimeSpan.Zero;
        var discriminant = _r0 * _r0 + 4 * _halfSlope * i;
        if (discriminant < 0) return TimeSpan.MaxValue; // past the point a falling ramp reaches zero
        var denominator = _r0 + Math.Sqrt(discriminant);
        return denominator <= 0 ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)Math.Round(2 * i / denominator * TimeSpan.TicksPerSecond));
    }
}
