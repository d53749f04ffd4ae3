using ChaosKit.Core.Expectations;
using ChaosKit.Core.Results;

namespace ChaosKit.Scoring.Expectations;

/// <summary>Reads the value of an expectation's metric (<see cref="ExpectationMetrics"/>) from a measured run.</summary>
public static class MetricValues
{
    /// <summary>Reads <paramref name="metric"/> for one phase, or for the whole run when <paramref name="phase"/> is null.</summary>
    /// <returns>The value, or <see langword="null"/> when the span had no data for it.</returns>
    public static double? Read(ExpectationMetrics.Metric metric, RunResult run, PhaseResult? phase)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(run);
        var stats = phase?.Stats ?? run.Overall;
        // A span with nothing scheduled measured nothing, whatever its figures say (a phase score of 0, no drops):
        // every metric of it has no data.
        if (stats.Outcomes.Scheduled == 0) return null;
        var calls = phase is null ? SumCalls(run) : phase.ProviderCalls.Total;
        // Latency metrics read the served requests unless they name the failed ones: an instant refusal is not fast.
        var latency = metric.OfFailed ? stats.FailedLatency : stats.ServedLatency;
        if (metric.Percentile is { } percentile) return latency.PercentileMs(percentile);
        if (metric.Name.StartsWith(ExpectationMetrics.ComponentPrefix, StringComparison.Ordinal))
        {
            var name = metric.Name[ExpectationMetrics.ComponentPrefix.Length..];
            var components = phase is null ? run.Score.Components : run.Score.Phases.FirstOrDefault(p => p.Phase == phase.Name)?.Components ?? [];
            return components.FirstOrDefault(c => c.Name == name)?.Value;
        }
        return metric.Name switch
        {
            "score" => phase is null ? run.Score.Total : run.Score.Phases.FirstOrDefault(p => p.Phase == phase.Name)?.Score,
            "availability" => stats.Outcomes.Availability,
            "error_rate" => stats.Outcomes.ErrorRate,
            "fallback_rate" => stats.Outcomes.FallbackRate,
            "max" or "failed.max" => latency.Count == 0 ? null : latency.MaxMs,
            "throughput" => stats.ThroughputPerSecond,
            "dropped" => stats.Outcomes.Dropped,
            "provider_calls_per_request" => (double)calls / stats.Outcomes.Scheduled,
            "early_retries" => phase is null ? run.Phases.Sum(p => p.ProviderCalls.EarlyRetries) : phase.ProviderCalls.EarlyRetries,
            ExpectationMetrics.WasteTokens => phase is null ? run.Phases.Sum(p => p.ProviderCalls.TokensWasted) : phase.ProviderCalls.TokensWasted,
            "time_to_detect" => Slowest(run, phase, ScoreComponentNames.Detect, "time_to_detect_ms"),
            "time_to_recover" => Slowest(run, phase, ScoreComponentNames.Recover, "time_to_recover_ms"),
            _ => null,
        };
    }

    /// <summary>Reads step metric <paramref name="metric"/> from <paramref name="step"/>.</summary>
    /// <returns>The value, or <see langword="null"/> when the step has no data for it.</returns>
    public static double? ReadStep(ExpectationMetrics.Metric metric, StepStats step)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(step);
        // A step no iteration reached (neither ran nor was skipped) measured nothing: no data, not zero runs.
        if (step.Counts.Ran + step.Counts.Skipped == 0) return null;
        // Latency metrics read the runs that passed, as the run's do: a step that errors at once is not fast.
        var latency = step.ServedLatency;
        if (metric.Percentile is { } percentile)
            return (metric.Name.StartsWith("ttfb_", StringComparison.Ordinal) ? step.TimeToFirstByte : latency).PercentileMs(percentile);
        return metric.Name switch
        {
            "failed_rate" => step.Counts.Ran == 0 ? null : step.Counts.FailedRate,
            "ok_rate" => step.Counts.Ran == 0 ? null : step.Counts.OkRate,
            "skipped" => step.Counts.Skipped,
            "runs" => step.Counts.Ran,
            "max" => latency.Count == 0 ? null : latency.MaxMs,
            "mean" => latency.Count == 0 ? null : latency.MeanMs,
            _ => null,
        };
    }

    /// <summary>
    /// A time the score measured (<paramref name="number"/> of component <paramref name="component"/>): the phase's,
    /// or the slowest of the run's phases; <see cref="double.PositiveInfinity"/> when it never happened (never
    /// detected, not recovered within the run); <see langword="null"/> when no phase measured it.
    /// </summary>
    private static double? Slowest(RunResult run, PhaseResult? phase, string component, string number)
    {
        var measured = run.Score.Phases
            .Where(p => phase is null ? p.Weight > 0 : p.Phase == phase.Name)
            .Select(p => p.Component(component))
            .OfType<ScoreComponent>()
            // Detection with no impact had nothing to detect: it is no measurement of time.
            .Where(c => c.Name != ScoreComponentNames.Detect || c["impact"] != 0)
            .Select(c => c[number] ?? double.PositiveInfinity)
            .ToArray();
        return measured.Length == 0 ? null : measured.Max();
    }

    private static long SumCalls(RunResult run) => run.Phases.Sum(p => p.ProviderCalls.Total);
}
