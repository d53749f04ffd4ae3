namespace ChaosKit.Load.Simulations;

/// <summary>Arithmetic the simulation segments share.</summary>
internal static class Segments
{
    /// <summary>A scenario duration on the run's (possibly scaled) time.</summary>
    public static TimeSpan Scale(TimeSpan duration, double timeScale) => TimeSpan.FromTicks((long)Math.Round(duration.Ticks * timeScale));

    /// <summary><paramref name="duration"/>, but no longer than <paramref name="limit"/> (and never negative).</summary>
    public static TimeSpan Cut(TimeSpan duration, TimeSpan limit) =>
        duration < limit ? duration : limit > TimeSpan.Zero ? limit : TimeSpan.Zero;

    /// <summary>
    /// The number of arrivals whose offset falls before <paramref name="end"/>: starts from the analytic
    /// <paramref name="estimate"/> and settles the floating-point edge with the same <paramref name="offsetOf"/> the
    /// schedule uses, so the count and the offsets always agree.
    /// </summary>
    public static long CountBefore(double estimate, Func<long, TimeSpan> offsetOf, TimeSpan end)
    {
        if (end <= TimeSpan.Zero) return 0;
        var count = (long)Math.Max(0, Math.Min(Math.Ceiling(estimate), LoadConstants.MaxArrivals + 1));
        while (count > 0 && offsetOf(count - 1) >= end) count--;
        while (count <= LoadConstants.MaxArrivals && offsetOf(count) < end) count++;
        return count;
    }
}
