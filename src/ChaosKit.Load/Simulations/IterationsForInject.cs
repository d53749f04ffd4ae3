using ChaosKit.Core.Results;
using ChaosKit.Core.Scenarios;
using ChaosKit.Load.Scheduling;

namespace ChaosKit.Load.Simulations;

/// <summary><c>iterations_for_inject</c>: <paramref name="Rate"/> arrivals per <paramref name="Interval"/> until <paramref name="Iterations"/> have arrived (open model, alone).</summary>
/// <param name="Rate">Arrivals per interval.</param>
/// <param name="Interval">The interval the rate counts over.</param>
/// <param name="Iterations">Total arrivals.</param>
/// <param name="Location">Where it was declared.</param>
public sealed record IterationsForInjectSimulation(double Rate, TimeSpan Interval, long Iterations, SourceLocation Location)
    : LoadSimulation(Location), IOpenSimulation
{
    /// <summary>How a scenario writes it: <c>- iterations_for_inject: { rate: 10, interval: 1s, iterations: 500 }</c>.</summary>
    public static SimulationKind Definition { get; } = new("iterations_for_inject", LoadModel.Open, ["rate", "interval", "iterations"], s =>
        new IterationsForInjectSimulation(s.Rate("rate"), s.Duration("interval", SimulationRules.DefaultInterval), s.Int("iterations"), s.Location));

    /// <inheritdoc />
    public override string Kind => Definition.Name;

    /// <inheritdoc />
    public override LoadModel Model => Definition.Model;

    /// <inheritdoc />
    public override bool IsIterationBounded => true;

    /// <inheritdoc />
    public override double PeakRatePerSecond => Rate / Interval.TotalSeconds;

    /// <inheritdoc />
    public override IEnumerable<ScenarioException> Validate(string field) =>
    [
        .. SimulationRules.Rate(this, field, "rate", Rate, Interval, allowZero: false),
        .. SimulationRules.Positive(this, field, "interval", Interval),
        .. SimulationRules.Iterations(this, field, Iterations),
    ];

    /// <inheritdoc />
    public override SimulationInfo Describe() =>
        SimulationInfo.Of(Kind, ("rate", Rate), ("interval_seconds", Interval.TotalSeconds), ("iterations", Iterations));

    IOpenSegment IOpenSimulation.LayOut(in OpenLayout at) => new IterationsForInject(this, at.Remaining);
}

public static partial class Simulation
{
    /// <summary><c>iterations_for_inject</c>: <paramref name="rate"/> per <paramref name="interval"/> until <paramref name="iterations"/> arrivals (open).</summary>
    public static IterationsForInjectSimulation IterationsForInject(double rate, TimeSpan interval, long iterations) =>
        new(rate, interval, iterations, SourceLocation.None);
}

/// <summary>
/// <c>iterations_for_inject</c> laid out: arrivals spread evenly at <c>rate</c> per <c>interval</c> until
/// <c>iterations</c> have arrived; the rest are cut if the timeline ends first.
/// </summary>
internal sealed class IterationsForInject : IOpenSegment
{
    private readonly ConstantArrivalRate _arrivals;

    /// <summary>Lays out <paramref name="spec"/>, cut at <paramref name="limit"/>.</summary>
    public IterationsForInject(IterationsForInjectSimulation spec, TimeSpan limit)
    {
        EndRatePerSecond = spec.PeakRatePerSecond;
        var needed = TimeSpan.FromSeconds(spec.Iterations / EndRatePerSecond);
        Duration = SimulationRules.Cut(needed, limit);
        _arrivals = new ConstantArrivalRate(EndRatePerSecond, Duration);
        Count = Math.Min(spec.Iterations, _arrivals.Count);
        NotScheduled = spec.Iterations - Count;
    }

    /// <inheritdoc />
    public TimeSpan Duration { get; }

    /// <inheritdoc />
    public double EndRatePerSecond { get; }

    /// <inheritdoc />
    public long Count { get; }

    /// <inheritdoc />
    public long NotScheduled { get; }

    /// <inheritdoc />
    public IEnumerable<TimeSpan> Offsets()
    {
        for (long i = 0; i < Count; i++) yield return _arrivals.OffsetOf(i);
    }
}
