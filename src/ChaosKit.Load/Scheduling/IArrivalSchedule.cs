namespace ChaosKit.Load.Scheduling;

/// <summary>
/// An open-model load shape: when each iteration should start, whether or not earlier ones have finished.
/// Constant rate is the first; ramping, per-interval injection and Poisson arrivals implement the same interface.
/// </summary>
internal interface IArrivalSchedule
{
    /// <summary>How many arrivals <see cref="Arrivals"/> yields; finite, so every run stops by itself.</summary>
    long Count { get; }

    /// <summary>The arrivals in order: iteration numbers 0, 1, 2, … with non-decreasing offsets.</summary>
    IEnumerable<Arrival> Arrivals();
}
