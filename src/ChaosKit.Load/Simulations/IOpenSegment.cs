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

    /// <summary>Arrival times from the segment's start, non-decreasing, all before <see cref="Duration"/>.</summary>
    IEnumerable<TimeSpan> Offsets();
}
