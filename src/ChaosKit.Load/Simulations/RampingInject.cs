using ChaosKit.Core.Results;
using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;

namespace ChaosKit.Load.Simulations;

/// <summary><c>ramping_inject</c>: the arrival rate moves linearly from the previous simulation's rate (0 first) to <paramref name="Rate"/> (open model).</summary>
/// <param name="Rate">Arrivals per interval reached at the end.</param>
/// <param name="Interval">The interval the rate counts over.</param>
/// <param name="During">How long the ramp lasts.</param>
/// <param name="Location">Where it was declared.</param>
public sealed record RampingInjectSimulation(double Rate, TimeSpan Interval, TimeSpan During, SourceLocation Location)
    : LoadSimulation(Definition, Location), IOpenSimulation
{
    /// <summary>How a scenario writes it: <c>- ramping_inject: { rate: 20, interval: 1s, during: 10s }</c>.</summary>
    public static SimulationKind Definition { get; } = new("ramping_inject", LoadModel.Open, ["rate", "interval", "during"], s =>
        new RampingInjectSimulation(s.Rate("rate"), s.Duration("interval", SimulationRules.DefaultInterval), s.Duration("during"), s.Location));

    /// <inheritdoc />
    public override double PeakRatePerSecond => Rate / Interval.TotalSeconds;

    /// <inheritdoc />
    public override IEnumerable<ScenarioException> Validate(string field) =>
    [
        .. SimulationRules.Rate(this, field, "rate", Rate, Interval, allowZero: true),
        .. SimulationRules.Positive(this, field, "interval", Interval),
        .. SimulationRules.Positive(this, field, "during", During),
    ];

    /// <inheritdoc />
    public override SimulationInfo Describe() =>
        SimulationInfo.Of(Kind, ("rate", Rate), ("interval_seconds", Interval.TotalSeconds), ("during_seconds", During.TotalSeconds));

    IOpenSegment IOpenSimulation.LayOut(in OpenLayout at) => new RampingInject(this, at.PreviousRatePerSecond, at.Timeline, at.Remaining);
}

public static partial class Simulation
{
    /// <summary><c>ramping_inject</c>: linear from the previous rate to <paramref name="rate"/> per <paramref name="interval"/> over <paramref name="during"/> (open).</summary>
    public static RampingInjectSimulation RampingInject(double rate, TimeSpan interval, TimeSpan during) => new(rate, interval, during, SourceLocation.None);
}

/// <summary>
/// <c>ramping_inject</c> laid out: the rate moves linearly from <c>r0</c> (the previous simulation's end rate, 0 first)
/// to <c>r1</c> over <c>D</c>. Arrivals follow that curve exactly: arrival <c>i</c> starts when the expected count
/// <c>N(t) = r0·t + (r1 − r0)·t² / 2D</c> reaches <c>i</c>, so every second holds the area under the ramp.
/// </summary>
internal sealed class RampingInject : IOpenSegment
{
    private readonly double _r0;
    private readonly double _halfSlope; // (r1 - r0) / 2D, per second squared
    private readonly double _fullSeconds;

    /// <summary>Lays out <paramref name="spec"/> from <paramref name="previousRatePerSecond"/>, scaled and cut at <paramref name="limit"/>.</summary>
    public RampingInject(RampingInjectSimulation spec, double previousRatePerSecond, RunTimeline timeline, TimeSpan limit)
    {
        _r0 = previousRatePerSecond;
        var r1 = spec.PeakRatePerSecond;
        var full = timeline.Scale(spec.During);
        _fullSeconds = full.TotalSeconds;
        _halfSlope = (r1 - _r0) / (2 * _fullSeconds);
        Duration = SimulationRules.Cut(full, limit);
        EndRatePerSecond = RateAt(Duration);
        Count = SimulationRules.CountBefore(ExpectedCount(Duration.TotalSeconds), OffsetOf, Duration);
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
