namespace ChaosKit.Load;

/// <summary>Fixed numbers of the load engine, in one place so reports and tests can quote them.</summary>
internal static class LoadConstants
{
    /// <summary>Largest latency a histogram tracks; longer values are clamped to it, never thrown on.</summary>
    public static readonly TimeSpan HistogramHighest = TimeSpan.FromHours(1);

    /// <summary>Precision of the per-phase and overall histograms (0.1 %).</summary>
    public const int SignificantDigits = 3;

    /// <summary>Precision of the per-second histograms (1 %): there can be thousands of them, each must stay small.</summary>
    public const int SecondSignificantDigits = 2;

    /// <summary>Dispatch-delay p99 above which the generator is reported as falling behind.</summary>
    public static readonly TimeSpan DispatchDelayWarning = TimeSpan.FromMilliseconds(10);

    /// <summary>Share of arrivals started later than <see cref="DispatchDelayWarning"/> that triggers the schedule warning.</summary>
    public const double LateArrivalShareWarning = 0.01;

    /// <summary>
    /// Extra time, beyond the request timeout, the drain waits for in-flight requests after the schedule ends.
    /// Each request is already bounded by its timeout; this only guards against a handler that ignores cancellation.
    /// </summary>
    public static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(5);

    /// <summary>How long abandoned requests get to notice their cancellation before the results are sealed.</summary>
    public static readonly TimeSpan AbandonGrace = TimeSpan.FromSeconds(1);

    /// <summary>Share of all CPUs the ChaosKit process may use during the run before the generator is reported as CPU-bound.</summary>
    public const double CpuShareWarning = 0.9;

    /// <summary>Seconds of completions the live p95 looks back over.</summary>
    public const int LiveWindowSeconds = 5;

    /// <summary>Most of a step's response body kept for its captures and checks; the rest is read and discarded.</summary>
    public const int MaxKeptBody = 1024 * 1024;
}
