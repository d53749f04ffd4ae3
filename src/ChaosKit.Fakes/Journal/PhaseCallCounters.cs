using ChaosKit.Core.Results;

namespace ChaosKit.Fakes.Journal;

/// <summary>
/// Call counters for one span of the run. Lock-free (one <see cref="Interlocked"/> add per counter) and fixed in
/// size however many calls arrive: a status slot per HTTP status code instead of a list of calls.
/// </summary>
internal sealed class PhaseCallCounters
{
    private const int StatusSlots = 600;

    private readonly long[] _byStatus = new long[StatusSlots];
    private long _otherStatus;
    private long _total;
    private long _faults;
    private long _retries;
    private long _earlyRetries;
    private long _tokensBilled;
    private long _tokensWasted;

    /// <summary>Counts one call.</summary>
    public void Add(in CallRecord call)
    {
        Interlocked.Increment(ref _total);
        if ((uint)call.Status < StatusSlots) Interlocked.Increment(ref _byStatus[call.Status]);
        else Interlocked.Increment(ref _otherStatus);
        if (call.Fault is not null) Interlocked.Increment(ref _faults);
        if (call.IsRetry) Interlocked.Increment(ref _retries);
        if (call.IsEarlyRetry) Interlocked.Increment(ref _earlyRetries);
        if (call.OutputTokens is > 0)
        {
            // An answer was under way, so a provider bills it; one that never reached the app whole was paid for nothing.
            var tokens = (long)(call.InputTokens ?? 0) + call.OutputTokens.Value;
            Interlocked.Add(ref _tokensBilled, tokens);
            if (call.IsDiscardedAnswer) Interlocked.Add(ref _tokensWasted, tokens);
        }
    }

    /// <summary>A consistent-enough copy of the counters (each counter is read atomically).</summary>
    public ProviderCallStats Snapshot()
    {
        var byStatus = new Dictionary<string, long>();
        for (var status = 0; status < StatusSlots; status++)
        {
            var count = Interlocked.Read(ref _byStatus[status]);
            if (count > 0) byStatus[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = count;
        }
        var other = Interlocked.Read(ref _otherStatus);
        if (other > 0) byStatus["other"] = other;
        return new ProviderCallStats(
            Interlocked.Read(ref _total), byStatus, Interlocked.Read(ref _faults), Interlocked.Read(ref _retries))
        {
            EarlyRetries = Interlocked.Read(ref _earlyRetries),
            TokensBilled = Interlocked.Read(ref _tokensBilled),
            TokensWasted = Interlocked.Read(ref _tokensWasted),
        };
    }
}
