using ChaosKit.Core.Timeline;

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

/// <summary>A closed-model simulation (or a pause): it lays out its copies curve as an <see cref="IClosedSegment"/>.</summary>
internal interface IClosedSimulation
{
    /// <summary>The segment this simulation makes at <paramref name="at"/>.</summary>
    IClosedSegment LayOut(in ClosedLayout at);
}

/// <summary>Where a closed segment starts: the copies it follows, the time left and the run's timeline.</summary>
/// <param name="PreviousCopies">The previous segment's end copies (0 first), where a ramp starts.</param>
/// <param name="Remaining">Run time left before the timeline ends.</param>
/// <param name="Timeline">The run's timeline: <c>during</c> follows its time scale (<see cref="RunTimeline.Scale"/>).</param>
internal readonly record struct ClosedLayout(int PreviousCopies, TimeSpan Remaining, RunTimeline Timeline);
