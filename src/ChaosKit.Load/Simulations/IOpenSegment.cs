using ChaosKit.Core.Timeline;

namespace ChaosKit.Load.Simulations;

/// <summary>One open-model simulation laid out on the run's time: when each of its arrivals starts.</summary>
internal interface IOpenSegment
{
    /// <summary>How long the segment lasts (scaled; cut at the timeline's end).</summary>
    TimeSpan Duration { get; }

    /// <summary>Arrivals per second at the segment's end, where a following ramp starts from.</summary>
    double EndRatePerSecond { get; }

    /// <summary>How many arrivals <see cref="Offsets"/> yields.</summary>
    long Count { get; }

    /// <summary>Arrivals the simulation asked for that the timeline was too short to hold.</summary>
    long NotScheduled => 0;

    /// <summary>Arrival times from the segment's start, non-decreasing, all before <see cref="Duration"/>.</summary>
    IEnumerable<TimeSpan> Offsets();
}

/// <summary>An open-model simulation (or a pause): it lays out its arrival curve as an <see cref="IOpenSegment"/>.</summary>
internal interface IOpenSimulation
{
    /// <summary>The segment this simulation makes at <paramref name="at"/>.</summary>
    IOpenSegment LayOut(in OpenLayout at);
}

/// <summary>Where an open segment starts: the rate it follows, the time left, the run's timeline and its random stream.</summary>
/// <param name="PreviousRatePerSecond">The previous segment's end rate (0 first), where a ramp starts.</param>
/// <param name="Remaining">Run time left before the timeline ends; nothing is scheduled past it.</param>
/// <param name="Timeline">The run's timeline: <c>during</c> follows its time scale (<see cref="RunTimeline.Scale"/>), rates do not.</param>
/// <param name="Seed">This simulation's own seed, drawn from the scenario's, so inserting one does not reshuffle another.</param>
internal readonly record struct OpenLayout(double PreviousRatePerSecond, TimeSpan Remaining, RunTimeline Timeline, int Seed);
