namespace ChaosKit.Fakes.Quotas;

/// <summary>
/// A per-minute allowance that refills continuously (capacity per minute, spread evenly), on the run's
/// <see cref="TimeProvider"/>: what a provider's requests-per-minute or tokens-per-minute limit amounts to.
/// </summary>
internal sealed class TokenBucket
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private double _available;
    private long _updated;

    /// <summary>Creates a full bucket of <paramref name="perMinute"/>.</summary>
    public TokenBucket(long perMinute, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perMinute);
        Capacity = perMinute;
        _time = time;
        _available = perMinute;
        _updated = time.GetTimestamp();
    }

    /// <summary>The limit per minute.</summary>
    public long Capacity { get; }

    /// <summary>
    /// Takes <paramref name="amount"/> if it is there. Returns what remains (after taking, or as it is when refused)
    /// and how long until the bucket is full again (the reset a provider reports).
    /// </summary>
    public (bool Taken, long Remaining, TimeSpan UntilFull, TimeSpan UntilAvailable) TryTake(long amount)
    {
        lock (_gate)
        {
            Refill();
            var taken = amount <= _available;
            if (taken) _available -= amount;
            var perTick = Capacity / (double)Window.Ticks;
            var untilFull = TimeSpan.FromTicks((long)Math.Ceiling((Capacity - _available) / perTick));
            var missing = Math.Max(0, Math.Min(amount, Capacity) - _available);
            var untilAvailable = TimeSpan.FromTicks((long)Math.Ceiling(missing / perTick));
            return (taken, (long)Math.Floor(_available), untilFull, untilAvailable);
        }
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_updated, now);
        _updated = now;
        _available = Math.Min(Capacity, _available + Capacity * (elapsed / Window));
    }
}
