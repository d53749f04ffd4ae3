namespace ChaosKit.Reports.Compare;

/// <summary>
/// A figure <c>chaoskit compare</c> sets side by side, and how it judges a change: which way is better, and the noise
/// margin within which a change counts as no change (the larger of <see cref="AbsoluteMargin"/> and
/// <see cref="RelativeMargin"/> of the base value).
/// </summary>
/// <param name="Key">Its name; the expectation metric's where there is one (<c>availability</c>, <c>p95</c>), so a table row names what <c>--fail-on</c> takes.</param>
/// <param name="Label">Its name for people, e.g. <c>Availability</c>.</param>
/// <param name="Unit">How its values and changes are written.</param>
/// <param name="Better">Which way is an improvement; <see cref="Compare.Better.Neither"/> for a figure shown, not judged.</param>
/// <param name="AbsoluteMargin">A change at most this big (in the unit: points, a 0–1 ratio, ms, a count) is noise.</param>
/// <param name="RelativeMargin">A change at most this share of the base value is noise, e.g. 0.1 for 10 %.</param>
public sealed record ComparedMetric(string Key, string Label, MetricUnit Unit, Better Better, double AbsoluteMargin = 0, double RelativeMargin = 0)
{
    /// <summary>The run's score, 0–100: a change of more than a point counts.</summary>
    public static ComparedMetric Score { get; } = new("score", "Score", MetricUnit.Points, Better.Higher, AbsoluteMargin: 1);

    /// <summary>A score component's value, 0–1: a change of more than 0.01 (a percentage point) counts.</summary>
    public static ComparedMetric ComponentValue { get; } = new("value", "Value", MetricUnit.Ratio, Better.Higher, AbsoluteMargin: 0.01);

    /// <summary>A score component's points lost, shown beside its value, which is what is judged.</summary>
    public static ComparedMetric PointsLost { get; } = new("points_lost", "Points lost", MetricUnit.Points, Better.Neither);

    /// <summary>
    /// The figures of each phase and of the whole run, in table order. Shares move by a percentage point at the least
    /// (a request in a hundred); latencies by 20 ms or 10 %, whichever is larger, as percentiles of a short phase are
    /// noisy; the fallback rate and the counts of requests and calls are shown, not judged (more fallback is good when
    /// it replaces failures, bad when it replaces the normal path; the calls per request judge the calls).
    /// </summary>
    public static IReadOnlyList<ComparedMetric> Span { get; } =
    [
        new("scheduled", "Scheduled", MetricUnit.Count, Better.Neither),
        new("availability", "Availability", MetricUnit.Ratio, Better.Higher, AbsoluteMargin: 0.01),
        new("fallback_rate", "Fallback rate", MetricUnit.Ratio, Better.Neither, AbsoluteMargin: 0.01),
        new("error_rate", "Error rate", MetricUnit.Ratio, Better.Lower, AbsoluteMargin: 0.01),
        new("p50", "Served p50", MetricUnit.Milliseconds, Better.Lower, AbsoluteMargin: 20, RelativeMargin: 0.1),
        new("p95", "Served p95", MetricUnit.Milliseconds, Better.Lower, AbsoluteMargin: 20, RelativeMargin: 0.1),
        new("p99", "Served p99", MetricUnit.Milliseconds, Better.Lower, AbsoluteMargin: 20, RelativeMargin: 0.1),
        new("provider_calls", "Provider calls", MetricUnit.Count, Better.Neither),
        new("provider_calls_per_request", "Calls per request", MetricUnit.Number, Better.Lower, AbsoluteMargin: 0.05, RelativeMargin: 0.05),
        new("early_retries", "Early retries", MetricUnit.Count, Better.Lower, AbsoluteMargin: 2, RelativeMargin: 0.1),
    ];

    /// <summary>Whether the figure is judged at all.</summary>
    public bool IsJudged => Better != Better.Neither;

    /// <summary>The noise margin around <paramref name="baseValue"/>: the larger of the absolute and the relative margin.</summary>
    public double MarginAround(double baseValue) => Math.Max(AbsoluteMargin, RelativeMargin * Math.Abs(baseValue));
}

/// <summary>How a compared figure is written.</summary>
public enum MetricUnit
{
    /// <summary>Points of 100 (a score); changes in points.</summary>
    Points,

    /// <summary>A 0–1 share, written as a percentage; changes in percentage points.</summary>
    Ratio,

    /// <summary>Milliseconds; changes in milliseconds and as a share of the base value.</summary>
    Milliseconds,

    /// <summary>A count; changes as a count and as a share of the base value.</summary>
    Count,

    /// <summary>A plain number (calls per request); changes as a number and as a share of the base value.</summary>
    Number,
}

/// <summary>Which way a compared figure improves.</summary>
public enum Better
{
    /// <summary>Up is better (availability, the score).</summary>
    Higher,

    /// <summary>Down is better (latency, errors).</summary>
    Lower,

    /// <summary>Shown, not judged.</summary>
    Neither,
}
