using System.Globalization;
using ChaosKit.Core.Expectations;
using ChaosKit.Core.Results;
using ChaosKit.Core.Scenarios;

namespace ChaosKit.Scoring.Expectations;

/// <summary>Checks a scenario's expectations against a measured run.</summary>
public static class ExpectationEvaluator
{
    /// <summary>Evaluates each expectation; a metric with no data fails with an explanation rather than passing silently.</summary>
    public static IReadOnlyList<ExpectationResult> Evaluate(IEnumerable<ExpectationSpec> expectations, RunResult run)
    {
        ArgumentNullException.ThrowIfNull(expectations);
        ArgumentNullException.ThrowIfNull(run);
        return expectations.Select(e => Evaluate(e, run)).ToArray();
    }

    private static ExpectationResult Evaluate(ExpectationSpec expectation, RunResult run)
    {
        var metric = (expectation.Step is null ? ExpectationMetrics.Find(expectation.Metric) : ExpectationMetrics.FindStep(expectation.Metric))
            ?? throw new InvalidOperationException($"Unknown metric '{expectation.Metric}' passed validation.");
        var phase = expectation.Phase is null ? null : run.Phases.FirstOrDefault(p => p.Name == expectation.Phase);
        if (expectation.Phase is not null && phase is null)
            return new ExpectationResult(expectation.Text, false, null, $"phase '{expectation.Phase}' did not run");

        double? actual;
        StepStats? step = null;
        if (expectation.Step is { } stepName)
        {
            step = (phase?.Steps ?? run.Steps).FirstOrDefault(s => s.Step == stepName && s.Workflow == expectation.StepWorkflow);
            if (step is null)
                return new ExpectationResult(expectation.Text, false, null, $"step '{expectation.StepWorkflow}.{stepName}' has no results");
            actual = MetricValues.ReadStep(metric, step);
        }
        else
        {
            actual = MetricValues.Read(metric, run, phase);
        }
        if (actual is null)
        {
            var why = step is null ? WhyNoData(metric, expectation, phase?.Stats ?? run.Overall) : WhyNoData(metric, expectation, step);
            return new ExpectationResult(expectation.Text, false, null, $"failed: no data ({why})") { Display = NoData };
        }

        var passed = expectation.Operator switch
        {
            ComparisonOperator.LessThan => actual < expectation.Threshold,
            ComparisonOperator.LessOrEqual => actual <= expectation.Threshold,
            ComparisonOperator.GreaterThan => actual > expectation.Threshold,
            ComparisonOperator.GreaterOrEqual => actual >= expectation.Threshold,
            _ => Math.Abs(actual.Value - expectation.Threshold) < 1e-9,
        };
        if (double.IsPositiveInfinity(actual.Value))
        {
            // A time that never came (never detected, not recovered): no number to keep, and any bound on it fails.
            return new ExpectationResult(expectation.Text, passed, null, passed ? $"held: {Never}" : $"failed: {Never} within the run") { Display = Never };
        }
        var shown = Format(metric.Unit, actual.Value);
        return new ExpectationResult(expectation.Text, passed, actual,
            passed ? $"held: measured {shown}" : $"failed: measured {shown}") { Display = shown };
    }

    /// <summary>What an expectation on a time that never came (detection, recovery) shows as its measured value.</summary>
    public const string Never = "never";

    /// <summary>What an expectation whose metric had no data shows as its measured value.</summary>
    public const string NoData = "no data";

    // Why a metric has no value, for the one-line detail: what the span lacked.
    private static string WhyNoData(ExpectationMetrics.Metric metric, ExpectationSpec expectation, PhaseStats span)
    {
        var where = Where(expectation);
        if (span.Outcomes.Scheduled == 0) return $"nothing was scheduled {where}";
        if (metric.Name is "time_to_detect") return $"no fault had an effect to detect {where}";
        if (metric.Name is "time_to_recover") return $"no fault had a phase without faults after it {where}";
        return metric.OfFailed ? $"no request failed, timed out or errored {where}" : $"no request was served {where}";
    }

    private static string WhyNoData(ExpectationMetrics.Metric metric, ExpectationSpec expectation, StepStats step)
    {
        var where = Where(expectation);
        if (step.Counts.Ran == 0) return $"the step never ran {where}";
        if (metric.Name.StartsWith("ttfb_", StringComparison.Ordinal)) return $"the step sent no streamed response {where}";
        return $"no run of the step passed {where}";
    }

    private static string Where(ExpectationSpec expectation) => expectation.Phase is null ? "in the run" : $"in phase '{expectation.Phase}'";

    /// <summary>Formats a metric value in its unit for people.</summary>
    public static string Format(ExpectationMetrics.Unit unit, double value) => unit switch
    {
        ExpectationMetrics.Unit.Ratio => (value * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%",
        ExpectationMetrics.Unit.Milliseconds => value.ToString("#,0.#", CultureInfo.InvariantCulture) + " ms",
        ExpectationMetrics.Unit.Points => value.ToString("0.#", CultureInfo.InvariantCulture),
        _ => value.ToString("0.###", CultureInfo.InvariantCulture),
    };
}
