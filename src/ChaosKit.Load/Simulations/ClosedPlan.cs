namespace ChaosKit.Load.Simulations;

/// <summary>Closed-model segments run one after the other: how many copies should be busy at any time of the run.</summary>
internal sealed class ClosedPlan
{
    private readonly IReadOnlyList<IClosedSegment> _segments;

    /// <summary>Chains <paramref name="segments"/> in order.</summary>
    public ClosedPlan(IReadOnlyList<IClosedSegment> segments)
    {
        _segments = segments;
        Duration = segments.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Duration);
        MaxCopies = segments.Count == 0 ? 0 : segments.Max(s => Math.Max(s.EndCopies, s.CopiesAt(TimeSpan.Zero)));
        IterationBudget = segments.Count == 1 ? segments[0].IterationBudget : null;
    }

    /// <summary>Where the last segment ends.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The most copies any moment asks for.</summary>
    public int MaxCopies { get; }

    /// <summary>Total iterations, for <c>iterations_for_constant</c>; otherwise <see langword="null"/>.</summary>
    public long? IterationBudget { get; }

    /// <summary>Copies that should be running at <paramref name="elapsed"/>; 0 outside the plan.</summary>
    public int CopiesAt(TimeSpan elapsed)
    {
        if (elapsed < TimeSpan.Zero) return 0;
        var start = TimeSpan.Zero;
        foreach (var segment in _segments)
        {
            if (elapsed < start + segment.Duration) return segment.CopiesAt(elapsed - start);
            start += segment.Duration;
        }
        return 0;
    }
}
