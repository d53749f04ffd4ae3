using ChaosKit.Core.Scenarios;

namespace ChaosKit.Load.Scheduling;

/// <summary>
/// Arrivals evenly spaced at a fixed rate over a duration, as k6's <c>constant-arrival-rate</c>:
/// iteration <c>i</c> starts at <c>i / rate</c>, for every <c>i</c> whose start falls before the end.
/// </summary>
internal sealed class ConstantArrivalRate : IArrivalSchedule
{
    private readonly double _ticksPerArrival;
    private readonly TimeSpan _duration;

    /// <summary>Plans <paramref name="ratePerSecond"/> arrivals a second for <paramref name="duration"/>.</summary>
    public ConstantArrivalRate(double ratePerSecond, TimeSpan duration)
    {
        if (!(ratePerSecond > 0) || double.IsInfinity(ratePerSecond))
            throw new ArgumentOutOfRangeException(nameof(ratePerSecond), ratePerSecond, "The arrival rate must be a positive number.");
        if (duration < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "The duration cannot be negative.");
        var estimate = Math.Ceiling(duration.Ticks / (double)TimeSpan.TicksPerSecond * ratePerSecond);
        if (estimate > LoadSimulations.MaxArrivals)
            throw new ArgumentOutOfRangeException(nameof(ratePerSecond), ratePerSecond,
                $"{ratePerSecond} arrivals a second for {duration} would schedule {estimate:0} iterations; the limit is {LoadSimulations.MaxArrivals}.");

        RatePerSecond = ratePerSecond;
        _duration = duration;
        _ticksPerArrival = TimeSpan.TicksPerSecond / ratePerSecond;

        // The estimate can be one off where floating point meets the boundary; settle it with the same formula Offset uses.
        var count = (long)estimate;
        while (count > 0 && OffsetOf(count - 1) >= duration) count--;
        while (OffsetOf(count) < duration) count++;
        Count = count;
    }

    /// <summary>Arrivals per second.</summary>
    public double RatePerSecond { get; }

    /// <inheritdoc />
    public long Count { get; }

    /// <summary>Scheduled start of iteration <paramref name="iteration"/>.</summary>
    public TimeSpan OffsetOf(long iteration) => TimeSpan.FromTicks((long)Math.Round(iteration * _ticksPerArrival));

    /// <inheritdoc />
    public IEnumerable<Arrival> Arrivals()
    {
        for (long i = 0; i < Count; i++) yield return new Arrival(i, OffsetOf(i));
    }
}
