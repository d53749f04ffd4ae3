using ChaosKit.Core.Results;

namespace ChaosKit.Core.Expectations;

/// <summary>The metrics an expectation can name, with their units and where their values come from.</summary>
public static class ExpectationMetrics
{
    /// <summary>How a metric's threshold is written and compared.</summary>
    public enum Unit
    {
        /// <summary>0–100 points.</summary>
        Points,
        /// <summary>A 0–1 ratio; thresholds may be written as <c>95%</c>.</summary>
        Ratio,
        /// <summary>Milliseconds; thresholds may be written as durations such as <c>1.5s</c>.</summary>
        Milliseconds,
        /// <summary>A count or rate, compared as written.</summary>
        Number,
    }

    /// <summary>A named metric.</summary>
    /// <param name="Name">Name as written in expectations.</param>
    /// <param name="Unit">Its unit.</param>
    /// <param name="Description">What it measures.</param>
    /// <param name="PhaseScoped">Whether it can be read for a single phase (<c>outage.p95</c>).</param>
    public sealed record Metric(string Name, Unit Unit, string Description, bool PhaseScoped = true);

    private static readonly Metric[] Catalog =
    [
        new("score", Unit.Points, "degradation score, 0-100"),
        new("availability", Unit.Ratio, "share of scheduled requests that got a usable answer (normal or fallback)"),
        new("error_rate", Unit.Ratio, "share of scheduled requests that failed, timed out, errored or were dropped"),
        new("fallback_rate", Unit.Ratio, "share of scheduled requests answered by the target's fallback path"),
        new("p50", Unit.Milliseconds, "median latency from scheduled start"),
        new("p90", Unit.Milliseconds, "90th percentile latency from scheduled start"),
        new("p95", Unit.Milliseconds, "95th percentile latency from scheduled start"),
        new("p99", Unit.Milliseconds, "99th percentile latency from scheduled start"),
        new("max", Unit.Milliseconds, "largest latency from scheduled start"),
        new("throughput", Unit.Number, "completed requests per second"),
        new("dropped", Unit.Number, "arrivals dropped at the concurrency cap"),
        new("provider_calls_per_request", Unit.Number, "provider calls per scheduled request (retry amplification)"),
    ];

    /// <summary>Every metric name.</summary>
    public static IReadOnlyList<string> All { get; } = Catalog.Select(m => m.Name).ToArray();

    /// <summary>Looks a metric up by name.</summary>
    public static Metric? Find(string name) => Catalog.FirstOrDefault(m => m.Name == name);

    /// <summary>Reads <paramref name="metric"/> for one phase, or for the whole run when <paramref name="phase"/> is null.</summary>
    /// <returns>The value, or <see langword="null"/> when the span had no data for it.</returns>
    public static double? Read(Metric metric, RunResult run, PhaseResult? phase)
    {
        var stats = phase?.Stats ?? run.Overall;
        var calls = phase is null ? SumCalls(run) : phase.ProviderCalls.Total;
        return metric.Name switch
        {
            "score" => phase is null ? run.Score.Total : run.Score.Phases.FirstOrDefault(p => p.Phase == phase.Name)?.Score,
            "availability" => stats.Outcomes.Availability,
            "error_rate" => stats.Outcomes.ErrorRate,
            "fallback_rate" => stats.Outcomes.FallbackRate,
            "p50" => Latency(stats, s => s.P50Ms),
            "p90" => Latency(stats, s => s.P90Ms),
            "p95" => Latency(stats, s => s.P95Ms),
            "p99" => Latency(stats, s => s.P99Ms),
            "max" => Latency(stats, s => s.MaxMs),
            "throughput" => stats.ThroughputPerSecond,
            "dropped" => stats.Outcomes.Dropped,
            "provider_calls_per_request" => stats.Outcomes.Scheduled == 0 ? null : (double)calls / stats.Outcomes.Scheduled,
            _ => null,
        };
    }

    private static double? Latency(PhaseStats stats, Func<LatencySummary, double> pick) =>
        stats.Latency.Count == 0 ? null : pick(stats.Latency);

    private static long SumCalls(RunResult run) => run.Phases.Sum(p => p.ProviderCalls.Total);
}
