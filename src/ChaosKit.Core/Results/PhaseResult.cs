namespace ChaosKit.Core.Results;

/// <summary>What happened during one phase of the timeline.</summary>
/// <param name="Index">0-based position in the timeline.</param>
/// <param name="Name">Phase name.</param>
/// <param name="StartSeconds">Scaled start offset from the run start, in seconds.</param>
/// <param name="EndSeconds">Scaled end offset, in seconds.</param>
/// <param name="Faults">The faults active in the phase, as the scenario declared them.</param>
/// <param name="Stats">Load measured against requests scheduled in the phase.</param>
/// <param name="ProviderCalls">Calls the fake providers received during the phase.</param>
public sealed record PhaseResult(
    int Index,
    string Name,
    double StartSeconds,
    double EndSeconds,
    IReadOnlyList<FaultInfo> Faults,
    PhaseStats Stats,
    ProviderCallStats ProviderCalls)
{
    /// <summary>Each workflow step's statistics over iterations scheduled in the phase.</summary>
    public IReadOnlyList<StepStats> Steps { get; init; } = [];

    /// <summary>
    /// The phase's requests joined with the provider calls they caused (attempts per request, how they were served,
    /// example requests call by call); <see langword="null"/> when the run kept no journal.
    /// </summary>
    public PhaseTrail? Trail { get; init; }
}

/// <summary>Load statistics for a span of the run.</summary>
/// <param name="Outcomes">How the scheduled iterations ended.</param>
/// <param name="Latency">
/// Latency from each iteration's <em>scheduled</em> start to its end (as wrk2 measures), over every iteration
/// that started, served or not; it includes the queueing a stalled system causes. The score reads it; expectations
/// read <see cref="ServedLatency"/> and <see cref="FailedLatency"/>, whose union it is.
/// </param>
/// <param name="ServiceLatency">Latency from the actual send to the end: what the target took once asked.</param>
/// <param name="DispatchDelay">Actual send minus scheduled start: how late the generator was.</param>
/// <param name="ThroughputPerSecond">Completed iterations (any outcome but dropped) per second of the span.</param>
/// <param name="StatusCodes">Count per HTTP status code returned by the target (<c>"none"</c> when no response came).</param>
public sealed record PhaseStats(
    OutcomeCounts Outcomes,
    LatencySummary Latency,
    LatencySummary ServiceLatency,
    LatencySummary DispatchDelay,
    double ThroughputPerSecond,
    IReadOnlyDictionary<string, long> StatusCodes)
{
    /// <summary>
    /// <see cref="Latency"/> over the iterations that were served (ok or fallback): what a latency expectation
    /// (<c>p95</c>) reads, so instant failures cannot make a dead target look fast. Empty when none was served.
    /// </summary>
    public LatencySummary ServedLatency { get; init; } = LatencySummary.Empty;

    /// <summary>
    /// <see cref="Latency"/> over the iterations that failed, timed out or errored: what <c>failed.p95</c> reads.
    /// Empty when none failed.
    /// </summary>
    public LatencySummary FailedLatency { get; init; } = LatencySummary.Empty;
}

/// <summary>How iterations ended.</summary>
/// <param name="Scheduled">Iterations the schedule asked for.</param>
/// <param name="Ok">Answered with a success status by the normal path.</param>
/// <param name="Fallback">Answered with a success status, marked as served by the target's fallback path.</param>
/// <param name="Failed">Answered with an error status (4xx/5xx).</param>
/// <param name="Timeout">No answer within the client timeout.</param>
/// <param name="Error">Connection or protocol error (refused, reset, malformed response).</param>
/// <param name="Dropped">Never started, because the concurrency cap was reached.</param>
public sealed record OutcomeCounts(long Scheduled, long Ok, long Fallback, long Failed, long Timeout, long Error, long Dropped)
{
    /// <summary>An empty count.</summary>
    public static OutcomeCounts Zero { get; } = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>Iterations that got an answer the user could use (normal or fallback).</summary>
    public long Served => Ok + Fallback;

    // The rates are null, not 1 or 0, when nothing was scheduled: a span without requests shows nothing about how the
    // target held up, and an expectation on it must fail rather than pass on a number nobody measured.

    /// <summary>Served ÷ scheduled; <see langword="null"/> (no data) when nothing was scheduled.</summary>
    public double? Availability => Scheduled == 0 ? null : (double)Served / Scheduled;

    /// <summary>Fallback ÷ scheduled; <see langword="null"/> (no data) when nothing was scheduled.</summary>
    public double? FallbackRate => Scheduled == 0 ? null : (double)Fallback / Scheduled;

    /// <summary>(Failed + timeout + error + dropped) ÷ scheduled; <see langword="null"/> (no data) when nothing was scheduled.</summary>
    public double? ErrorRate => Scheduled == 0 ? null : (double)(Failed + Timeout + Error + Dropped) / Scheduled;

    /// <summary>Adds two counts.</summary>
    public static OutcomeCounts operator +(OutcomeCounts a, OutcomeCounts b) => new(
        a.Scheduled + b.Scheduled, a.Ok + b.Ok, a.Fallback + b.Fallback, a.Failed + b.Failed,
        a.Timeout + b.Timeout, a.Error + b.Error, a.Dropped + b.Dropped);
}

/// <summary>A latency distribution in milliseconds, read from an HdrHistogram.</summary>
/// <param name="Count">Recorded values.</param>
/// <param name="MinMs">Smallest value.</param>
/// <param name="MeanMs">Mean.</param>
/// <param name="P50Ms">Median.</param>
/// <param name="P90Ms">90th percentile.</param>
/// <param name="P95Ms">95th percentile.</param>
/// <param name="P99Ms">99th percentile.</param>
/// <param name="P999Ms">99.9th percentile.</param>
/// <param name="MaxMs">Largest value.</param>
public sealed record LatencySummary(
    long Count, double MinMs, double MeanMs, double P50Ms, double P90Ms, double P95Ms, double P99Ms, double P999Ms, double MaxMs)
{
    /// <summary>A distribution with no values.</summary>
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>75th percentile; 0 when unknown.</summary>
    public double P75Ms { get; init; }

    /// <summary>The full percentile curve, for any percentile; <see langword="null"/> when not kept.</summary>
    public PercentileSpectrum? Spectrum { get; init; }

    /// <summary>
    /// The value at <paramref name="percentile"/> (0–100) in milliseconds: from <see cref="Spectrum"/> when kept,
    /// else from the fixed fields when it is one of them; <see langword="null"/> when it cannot be told.
    /// </summary>
    public double? PercentileMs(double percentile)
    {
        if (Count == 0) return null;
        if (percentile >= 100) return MaxMs;
        // The fixed fields first, so an expectation on p95 reads exactly what the report shows.
        double? known = percentile switch
        {
            50 => P50Ms,
            75 when P75Ms > 0 => P75Ms,
            90 => P90Ms,
            95 => P95Ms,
            99 => P99Ms,
            99.9 => P999Ms,
            _ => null,
        };
        if (known is not null) return known;
        return Spectrum is { Count: > 0 } spectrum ? Math.Min(spectrum.ValueAtMs(percentile), MaxMs) : null;
    }
}

/// <summary>Calls the fake providers received in a span of the run.</summary>
/// <param name="Total">Calls received.</param>
/// <param name="ByStatus">Count per HTTP status the fakes answered with.</param>
/// <param name="FaultsInjected">Calls a fault was applied to.</param>
/// <param name="Retries">Calls that carried a client retry counter above zero (e.g. <c>x-stainless-retry-count</c>).</param>
public sealed record ProviderCallStats(long Total, IReadOnlyDictionary<string, long> ByStatus, long FaultsInjected, long Retries)
{
    /// <summary>Calls that arrived before the <c>retry-after</c> a fake had given the same client ran out.</summary>
    public long EarlyRetries { get; init; }

    /// <summary>Tokens (input and output) of calls that got an answer under way, as a provider would bill them.</summary>
    public long TokensBilled { get; init; }

    /// <summary>
    /// Of <see cref="TokensBilled"/>, those of answers that never reached the app whole: streams cut by a fault, and
    /// answers the client hung up on.
    /// </summary>
    public long TokensWasted { get; init; }

    /// <summary>The same counts per provider name; empty when not kept.</summary>
    public IReadOnlyDictionary<string, ProviderCallStats> ByProvider { get; init; } = new Dictionary<string, ProviderCallStats>();

    /// <summary>No calls.</summary>
    public static ProviderCallStats None { get; } = new(0, new Dictionary<string, long>(), 0, 0);
}

/// <summary>Outcomes of iterations scheduled in one second of the run.</summary>
/// <param name="Second">Offset of the second from the run start (0-based).</param>
/// <param name="Ok">Normal answers.</param>
/// <param name="Fallback">Fallback answers.</param>
/// <param name="Failed">Error statuses.</param>
/// <param name="Timeout">Timeouts.</param>
/// <param name="Error">Connection or protocol errors.</param>
/// <param name="Dropped">Dropped arrivals.</param>
/// <param name="P50Ms">Median latency from scheduled start.</param>
/// <param name="P95Ms">95th percentile latency from scheduled start.</param>
/// <param name="P99Ms">99th percentile latency from scheduled start.</param>
public sealed record SecondBucket(
    int Second, long Ok, long Fallback, long Failed, long Timeout, long Error, long Dropped, double P50Ms, double P95Ms, double P99Ms)
{
    /// <summary>95th percentile time to first byte of the streamed steps of the second's iterations; 0 when none streamed.</summary>
    public double TtfbP95Ms { get; init; }
}
