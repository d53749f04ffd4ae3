using ChaosKit.Core.Scenarios;
using ChaosKit.Load.Scheduling;

namespace ChaosKit.Load.Simulations;

/// <summary>
/// <c>iterations_for_inject</c>: arrivals spread evenly at <c>rate</c> per <c>interval</c> until <c>iterations</c>
/// have arrived; the rest are cut if the timeline ends first.
/// </summary>
internal sealed class IterationsForInject : IOpenSegment
{
    private readonly ConstantArrivalRate _arrivals;

    /// <summary>Lays out <paramref name="spec"/>, cut at <paramref name="limit"/>.</summary>
    public IterationsForInject(IterationsForInjectSimulation spec, TimeSpan limit)
    {
        EndRatePerSecond = spec.Rate / spec.Interval.TotalSeconds;
        var needed = TimeSpan.FromSeconds(spec.Iterations / EndRatePerSecond);
        Duration = Segments.Cut(needed, limit);
        _arrivals = new ConstantArrivalRate(EndRatePerSecond, Duration);
        Count = Math.Min(spec.Iterations, _arrivals.Count);
        Requested = spec.Iterations;
    }

    /// <summary>Iterations the scenario asked for; more than <see cref="Count"/> when the timeline is too short.</summary>
    public long Requested { get; }

    /// <inheritdoc />
    public TimeSpan Duration { get; }

    /// <inheritdoc />
    public double EndRatePerSecond { get; }

    /// <inheritdoc />
    public long Count { get; }

    /// <inheritdoc />
    public IEnumerable<TimeSpan> Offsets()
    {
        for (long i = 0; i < Count; i++) yield return _arrivals.OffsetOf(i);
    }
}
