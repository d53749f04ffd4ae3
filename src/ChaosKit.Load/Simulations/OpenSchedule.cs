using ChaosKit.Load.Scheduling;

namespace ChaosKit.Load.Simulations;

/// <summary>Open-model segments run one after the other: one schedule with iteration numbers 0, 1, 2, … across them.</summary>
internal sealed class OpenSchedule : IArrivalSchedule
{
    private readonly IReadOnlyList<IOpenSegment> _segments;

    /// <summary>Chains <paramref name="segments"/> in order.</summary>
    public OpenSchedule(IReadOnlyList<IOpenSegment> segments)
    {
        _segments = segments;
        Count = segments.Sum(s => s.Count);
        Duration = segments.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Duration);
    }

    /// <inheritdoc />
    public long Count { get; }

    /// <summary>Where the last segment ends.</summary>
    public TimeSpan Duration { get; }

    /// <inheritdoc />
    public IEnumerable<Arrival> Arrivals()
    {
        long iteration = 0;
        var start = TimeSpan.Zero;
        foreach (var segment in _segments)
        {
            foreach (var offset in segment.Offsets()) yield return new Arrival(iteration++, start + offset);
            start += segment.Duration;
        }
    }
}
