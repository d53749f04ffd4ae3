namespace ChaosKit.Load.Simulations;

/// <summary>One closed-model simulation laid out on the run's time: how many copies should be busy when.</summary>
internal interface IClosedSegment
{
    /// <summary>How long the segment lasts (scaled; cut at the timeline's end).</summary>
    TimeSpan Duration { get; }

    /// <summary>Copies at the segment's end, where a following ramp starts from.</summary>
    int EndCopies { get; }

    /// <summary>Total iterations the segment may start; <see langword="null"/> for no limit.</summary>
    long? IterationBudget { get; }

    /// <summary>Copies that should be running <paramref name="offset"/> after the segment's start.</summary>
    int CopiesAt(TimeSpan offset);
}
