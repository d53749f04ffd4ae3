namespace ChaosKit.Core.Results;

/// <summary>How well the workflow held up, from 0 (nothing worked) to 100 (as good as the baseline).</summary>
/// <param name="Total">The run's score: the duration-weighted mean of the non-baseline phase scores.</param>
/// <param name="Baseline">Name of the phase the others are compared with.</param>
/// <param name="Phases">Each phase's score and its parts.</param>
/// <param name="Method">One line on how the score is computed, for readers of the report.</param>
public sealed record ScoreCard(double Total, string Baseline, IReadOnlyList<PhaseScore> Phases, string Method);

/// <summary>One phase's score.</summary>
/// <param name="Phase">Phase name.</param>
/// <param name="Score">Weighted sum of the parts, 0–100.</param>
/// <param name="Availability">Availability part, 0–100: the phase's availability relative to the baseline's.</param>
/// <param name="Latency">Latency part, 0–100: baseline p95 ÷ phase p95, capped at 1.</param>
/// <param name="Explanation">Why the phase scored as it did, in a sentence.</param>
public sealed record PhaseScore(string Phase, double Score, double Availability, double Latency, string Explanation);

/// <summary>An expectation checked against the run.</summary>
/// <param name="Text">The expectation as written.</param>
/// <param name="Passed">Whether it held.</param>
/// <param name="Actual">The measured value, in the metric's unit; <see langword="null"/> when it could not be measured.</param>
/// <param name="Detail">One line explaining the verdict.</param>
public sealed record ExpectationResult(string Text, bool Passed, double? Actual, string Detail)
{
    /// <summary>The measured value in the metric's unit for people, e.g. <c>100%</c> or <c>1,234.5 ms</c>; <see langword="null"/> when not measured.</summary>
    public string? Display { get; init; }
}
