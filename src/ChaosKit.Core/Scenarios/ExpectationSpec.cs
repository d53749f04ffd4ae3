namespace ChaosKit.Core.Scenarios;

/// <summary>A condition the run must meet, as written in the scenario (e.g. <c>outage.availability &gt;= 0.9</c>).</summary>
/// <param name="Text">The condition exactly as written.</param>
/// <param name="Phase">Phase the metric is read from, or <see langword="null"/> for the whole run.</param>
/// <param name="Metric">Metric name, one of <see cref="Expectations.ExpectationMetrics.All"/>.</param>
/// <param name="Operator">Comparison operator.</param>
/// <param name="Threshold">Right-hand side, in the metric's unit (milliseconds for latencies, a 0–1 ratio for rates).</param>
/// <param name="Location">Where the condition was written.</param>
public sealed record ExpectationSpec(
    string Text,
    string? Phase,
    string Metric,
    ComparisonOperator Operator,
    double Threshold,
    SourceLocation Location)
{
    /// <summary>The workflow of the step the metric is read from (<c>step.ask.p95</c>); <see langword="null"/> for run metrics.</summary>
    public string? StepWorkflow { get; init; }

    /// <summary>The step the metric is read from; <see langword="null"/> for run metrics.</summary>
    public string? Step { get; init; }
}

/// <summary>Comparison operators allowed in expectations.</summary>
public enum ComparisonOperator
{
    /// <summary><c>&lt;</c></summary>
    LessThan,
    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,
    /// <summary><c>&gt;</c></summary>
    GreaterThan,
    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,
    /// <summary><c>==</c></summary>
    Equal,
}
