using ChaosKit.Core.Results;
using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using ChaosKit.Load.Scheduling;

namespace ChaosKit.Load.Simulations;

/// <summary>
/// <c>inject</c>: <paramref name="Rate"/> arrivals per <paramref name="Interval"/>, spread evenly, for <paramref name="During"/>
/// (open model). <c>load.rate</c> is shorthand for one of these over the whole timeline (<see cref="Constant"/>).
/// </summary>
/// <param name="Rate">Arrivals per interval.</param>
/// <param name="Interval">The interval the rate counts over.</param>
/// <param name="During">How long the simulation lasts.</param>
/// <param name="Location">Where it was declared.</param>
public sealed record InjectSimulation(double Rate, TimeSpan Interval, TimeSpan During, SourceLocation Location)
    : LoadSimulation(Definition, Location), IOpenSimulation
{
    /// <summary>How a scenario writes it: <c>- inject: { rate: 10, interval: 1s, during: 30s }</c>.</summary>
    public static SimulationKind Definition { get; } = new("inject", LoadModel.Open, ["rate", "interval", "during"], s =>
        new InjectSimulation(s.Rate("rate"), s.Duration("interval", SimulationRules.DefaultInterval), s.Duration("during"), s.Location));

    /// <inheritdoc />
    public override double PeakRatePerSecond => Rate / Interval.TotalSeconds;

    /// <summary>The <c>rate</c> shorthand: <paramref name="ratePerSecond"/> a second for <paramref name="during"/>.</summary>
    public static InjectSimulation Constant(double ratePerSecond, TimeSpan during, SourceLocation location) =>
        new(ratePerSecond, SimulationRules.DefaultInterval, during, location);

    /// <inheritdoc />
    public override IEnumerable<ScenarioException> Validate(string field) =>
    [
        .. SimulationRules.Rate(this, field, "rate", Rate, Interval, allowZero: false),
        .. SimulationRules.Positive(this, field, "interval", Interval),
        .. SimulationRules.Positive(this, field, "during", During),
    ];

    /// <inheritdoc />
    public override SimulationInfo Describe() =>
        SimulationInfo.Of(Kind, ("rate", Rate), ("interval_seconds", Interval.TotalSeconds), ("during_seconds", During.TotalSeconds));

    IOpenSegment IOpenSimulation.LayOut(in OpenLayout at) => new Inject(this, at.Timeline, at.Remaining);
}

/// <summary>Load profiles from C#, with NBomber's names: <c>Simulation.Inject(10, 1s, 30s)</c> and so on; checked as YAML's are (<see cref="LoadSimulations.Validate"/>).</summary>
public static partial class Simulation
{
    /// <summary><c>inject</c>: <paramref name="rate"/> arrivals per <paramref name="interval"/> for <paramref name="during"/> (open).</summary>
    public static InjectSimulation Inject(double rate, TimeSpan interval, TimeSpan during) => new(rate, interval, during, SourceLocation.None);
}

/// <summary>
/// <c>inject</c> laid out: arrivals spread evenly rather than in a burst at each interval's start, so the schedule
/// itself adds no queueing: arrival <c>i</c> starts at <c>i × interval / rate</c>.
/// </summary>
internal sealed class Inject : IOpenSegment
{
    private readonly ConstantArrivalRate _arrivals;

    /// <summary>Lays out <paramref name="spec"/>, its <c>during</c> scaled by <paramref name="timeline"/> and cut at <paramref name="limit"/>.</summary>
    public Inject(InjectSimulation spec, RunTimeline timeline, TimeSpan limit)
    {
        EndRatePerSecond = spec.PeakRatePerSecond;
        Duration = SimulationRules.Cut(timeline.Scale(spec.During), limit);
        _arrivals = new ConstantArrivalRate(EndRatePerSecond, Duration);
    }

    /// <inheritdoc />
    public TimeSpan Duration { get; }

    /// <inheritdoc />
    public double EndRatePerSecond { get; }

    /// <inheritdoc />
    public long Count => _arrivals.Count;

    /// <inheritdoc />
    public IEnumerable<TimeSpan> Offsets()
    {
        for (long i = 0; i < Count; i++) yield return _arrivals.OffsetOf(i);
    }
}
