using ChaosKit.Core.Scenarios;
using ChaosKit.Load.Scheduling;

namespace ChaosKit.Load.Simulations;

/// <summary>
/// <c>inject</c>: <c>rate</c> arrivals per <c>interval</c>, spread evenly rather than in a burst at each interval's
/// start, so the schedule itself adds no queueing: arrival <c>i</c> starts at <c>i × interval / rate</c>.
/// </summary>
internal sealed class Inject : IOpenSegment
{
    private readonly ConstantArrivalRate _arrivals;

    /// <summary>Lays out <paramref name="spec"/>, its <c>during</c> scaled by <paramref name="timeScale"/> and cut at <paramref name="limit"/>.</summary>
    public Inject(InjectSimulation spec, double timeScale, TimeSpan limit)
    {
        EndRatePerSecond = spec.Rate / spec.Interval.TotalSeconds;
        Duration = Segments.Cut(Segments.Scale(spec.During, timeScale), limit);
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
