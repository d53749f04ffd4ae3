using ChaosKit.Core.Results;
using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;

namespace ChaosKit.Load.Simulations;

/// <summary><c>inject_random</c>: each interval draws its rate uniformly from [<paramref name="MinRate"/>, <paramref name="MaxRate"/>], seeded (open model).</summary>
/// <param name="MinRate">Least arrivals per interval.</param>
/// <param name="MaxRate">Most arrivals per interval.</param>
/// <param name="Interval">The interval the rate counts over; each draws anew.</param>
/// <param name="During">How long the simulation lasts.</param>
/// <param name="Location">Where it was declared.</param>
public sealed record InjectRandomSimulation(double MinRate, double MaxRate, TimeSpan Interval, TimeSpan During, SourceLocation Location)
    : LoadSimulation(Definition, Location), IOpenSimulation
{
    /// <summary>How a scenario writes it: <c>- inject_random: { min_rate: 5, max_rate: 10, interval: 1s, during: 30s }</c>.</summary>
    public static SimulationKind Definition { get; } = new("inject_random", LoadModel.Open, ["min_rate", "max_rate", "interval", "during"], s =>
        new InjectRandomSimulation(s.Rate("min_rate"), s.Rate("max_rate"), s.Duration("interval", SimulationRules.DefaultInterval), s.Duration("during"), s.Location));

    /// <inheritdoc />
    public override double PeakRatePerSecond => MaxRate / Interval.TotalSeconds;

    /// <inheritdoc />
    public override IEnumerable<ScenarioException> Validate(string field) =>
    [
        .. SimulationRules.Rate(this, field, "min_rate", MinRate, Interval, allowZero: true),
        .. SimulationRules.Rate(this, field, "max_rate", MaxRate, Interval, allowZero: false),
        .. SimulationRules.NotAbove(this, field, "min_rate", MinRate, "max_rate", MaxRate),
        .. SimulationRules.Positive(this, field, "interval", Interval),
        .. SimulationRules.Positive(this, field, "during", During),
    ];

    /// <inheritdoc />
    public override SimulationInfo Describe() => SimulationInfo.Of(Kind,
        ("min_rate", MinRate), ("max_rate", MaxRate), ("interval_seconds", Interval.TotalSeconds), ("during_seconds", During.TotalSeconds));

    IOpenSegment IOpenSimulation.LayOut(in OpenLayout at) => new InjectRandom(this, at.Timeline, at.Remaining, at.Seed);
}

public static partial class Simulation
{
    /// <summary><c>inject_random</c>: each interval's rate drawn from [<paramref name="minRate"/>, <paramref name="maxRate"/>], seeded (open).</summary>
    public static InjectRandomSimulation InjectRandom(double minRate, double maxRate, TimeSpan interval, TimeSpan during) =>
        new(minRate, maxRate, interval, during, SourceLocation.None);
}

/// <summary>
/// <c>inject_random</c> laid out: each interval draws its rate uniformly from [min_rate, max_rate] with a seeded
/// random, then spreads that many arrivals evenly over the interval, so the same seed replays the same profile.
/// </summary>
internal sealed class InjectRandom : IOpenSegment
{
    private readonly TimeSpan _interval;
    private readonly double[] _rates; // arrivals in each interval, as drawn

    /// <summary>Lays out <paramref name="spec"/>, scaled and cut at <paramref name="limit"/>, drawing from <paramref name="seed"/>.</summary>
    public InjectRandom(InjectRandomSimulation spec, RunTimeline timeline, TimeSpan limit, int seed)
    {
        _interval = spec.Interval;
        Duration = SimulationRules.Cut(timeline.Scale(spec.During), limit);
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
        var length = SimulationRules.Cut(_interval, Duration - _interval * k);
        return SimulationRules.CountBefore(_rates[k] * length.TotalSeconds / _interval.TotalSeconds, j => Spacing(k, j), length);
    }

    private TimeSpan Spacing(int k, long j) => TimeSpan.FromTicks((long)Math.Round(j * _interval.Ticks / _rates[k]));
}
