namespace ChaosKit.Core.Results;

/// <summary>
/// How well the workflow held up, from 0 (nothing worked) to 100 (as good as the baseline), as data: each phase's
/// score is made of components (<see cref="ScoreComponent"/>), and the run's of the same components weighted as its
/// total is. Reports and the console put it into words (<c>ScoreWords</c>); <c>docs/scoring.md</c> gives each formula.
/// </summary>
/// <param name="Total">The run's score: the duration-weighted mean of the scored phases' scores (see <see cref="PhaseScore.Weight"/>).</param>
/// <param name="Baseline">Name of the phase the others are compared with.</param>
/// <param name="Phases">Each phase's score and its components.</param>
/// <param name="Method">Which score this is, so a reader knows its components.</param>
public sealed record ScoreCard(double Total, string Baseline, IReadOnlyList<PhaseScore> Phases, ScoreMethod Method)
{
    /// <summary>
    /// The run's components: each is the phases' component averaged with the phases' <see cref="PhaseScore.Weight"/>,
    /// so its points lost add up, as the phases' scores do, to what the run lost.
    /// </summary>
    public IReadOnlyList<ScoreComponent> Components { get; init; } = [];

    /// <summary>The score as a letter: A from 90, B from 80, C from 70, D from 60, F below.</summary>
    public string Grade => GradeOf(Total);

    /// <summary>The letter of score <paramref name="total"/> (0–100).</summary>
    public static string GradeOf(double total) => total switch
    {
        >= 90 => "A",
        >= 80 => "B",
        >= 70 => "C",
        >= 60 => "D",
        _ => "F",
    };
}

/// <summary>Which score a <see cref="ScoreCard"/> holds: a name and the version of its formula.</summary>
/// <param name="Name">The score's name, e.g. <c>degradation</c>.</param>
/// <param name="Version">The version of its formula; a new version may add or reweigh components.</param>
public sealed record ScoreMethod(string Name, int Version)
{
    /// <summary>
    /// The first degradation score: availability (weight 0.7) and p95 latency (0.3) against the baseline phase;
    /// the run's score is the duration-weighted mean over the phases after the baseline. Kept so older results read.
    /// </summary>
    public static ScoreMethod DegradationV1 { get; } = new("degradation", 1);

    /// <summary>
    /// The second degradation score: eight components (<see cref="ScoreComponentNames.All"/>) per phase against the
    /// baseline, over the phases that had faults, each with the recovery after it.
    /// </summary>
    public static ScoreMethod DegradationV2 { get; } = new("degradation", 2);

    /// <summary>
    /// The third degradation score: version 2's components and weights, with latency credited on a log scale from the
    /// tolerated p95 to 10 s instead of as a ratio, so a slow answer and a stalled one no longer score alike.
    /// </summary>
    public static ScoreMethod DegradationV3 { get; } = new("degradation", 3);
}

/// <summary>One phase's score.</summary>
/// <param name="Phase">Phase name.</param>
/// <param name="Score">The phase's score, 0–100: 100 less the points its components lost.</param>
/// <param name="Components">What the score is made of, in a fixed order.</param>
public sealed record PhaseScore(string Phase, double Score, IReadOnlyList<ScoreComponent> Components)
{
    /// <summary>The phase's share of the run's score, 0–1 (its length over the scored phases'); 0 for a baseline with phases after it.</summary>
    public double Weight { get; init; }

    /// <summary>The component named <paramref name="name"/> (one of <see cref="ScoreComponentNames"/>), or <see langword="null"/>.</summary>
    public ScoreComponent? Component(string name) => Components.FirstOrDefault(c => c.Name == name);
}

/// <summary>
/// One part of a score as data: how well it held (<see cref="Value"/>), how much it counts (<see cref="Weight"/>),
/// what it cost (<see cref="PointsLost"/>) and the measured numbers behind it.
/// </summary>
/// <param name="Name">What it measures, one of <see cref="ScoreComponentNames"/>, e.g. <c>availability</c>.</param>
/// <param name="Value">How well it held, 0–1; 1 is as good as the baseline.</param>
/// <param name="Weight">Its share of the score, 0–1; the weights of a score add up to 1.</param>
/// <param name="PointsLost">Points of 100 it cost the score: 100 × weight × (1 − value).</param>
/// <param name="Numbers">The measured values behind it, keyed by name in snake_case (<see cref="ScoreComponentNames"/> lists them); a name is absent when it was not measured.</param>
public sealed record ScoreComponent(string Name, double Value, double Weight, double PointsLost, IReadOnlyDictionary<string, double> Numbers)
{
    /// <summary>
    /// For a run's component, the phase whose numbers it carries: the one where it lost the most points;
    /// <see langword="null"/> for a phase's own component.
    /// </summary>
    public string? Phase { get; init; }

    /// <summary>The value named <paramref name="name"/>, or <see langword="null"/> when the component does not carry it.</summary>
    public double? this[string name] => Numbers.TryGetValue(name, out var value) ? value : null;

    /// <summary>A component worth <paramref name="value"/> at <paramref name="weight"/>, with the numbers behind it.</summary>
    public static ScoreComponent Of(string name, double value, double weight, params (string Name, double Value)[] numbers) =>
        new(name, value, weight, 100 * weight * (1 - value), numbers.ToDictionary(n => n.Name, n => n.Value, StringComparer.Ordinal));
}

/// <summary>The components a score can have, and the numbers each comes with (absent when not measured).</summary>
public static class ScoreComponentNames
{
    /// <summary>
    /// Requests served (normal or fallback) over those scheduled, relative to the baseline's share: <c>scheduled</c>,
    /// <c>served</c>, <c>availability</c>, <c>baseline_availability</c>.
    /// </summary>
    public const string Served = "served";

    /// <summary>
    /// Served answers from the primary path, a degraded one earning <c>fallback_credit</c>: <c>ok</c>, <c>fallback</c>,
    /// <c>fallback_credit</c>.
    /// </summary>
    public const string AnswerQuality = "answer_quality";

    /// <summary>
    /// The p95 of served requests against the baseline's, with a little slack: <c>served</c>, <c>p95_ms</c>,
    /// <c>baseline_p95_ms</c>, <c>tolerated_p95_ms</c>; for a streamed target also its time to first byte,
    /// <c>ttfb_p95_ms</c>, <c>baseline_ttfb_p95_ms</c>, <c>tolerated_ttfb_p95_ms</c>.
    /// </summary>
    public const string Latency = "latency";

    /// <summary>
    /// Of the requests not served, the share that failed quickly with an answer instead of hanging: <c>unserved</c>,
    /// <c>timeouts</c>, <c>fast_share</c>, <c>fast_ms</c> (the limit of quick), <c>failed_p50_ms</c>.
    /// </summary>
    public const string FailFast = "fail_fast";

    /// <summary>
    /// How the app treated its providers: <c>calls</c>, <c>calls_per_request</c> against <c>calls_budget</c>,
    /// <c>early_retries</c> (before the <c>retry-after</c> ran out), and <c>hard_down_calls_per_request</c> (calls to a
    /// provider that answered no call of the phase, when a fault named it).
    /// </summary>
    public const string Discipline = "discipline";

    /// <summary>
    /// How soon after the fault began the app fell back or failed fast: <c>time_to_detect_ms</c> (absent: never),
    /// <c>impact</c> (0 when the fault changed nothing users saw, so there was nothing to detect), <c>window_ms</c>.
    /// </summary>
    public const string Detect = "detect";

    /// <summary>
    /// How soon after the fault ended the app was back to the baseline's availability and latency:
    /// <c>time_to_recover_ms</c> (absent: not within the run), <c>window_ms</c>. Only for a phase with one after it.
    /// </summary>
    public const string Recover = "recover";

    /// <summary>Tokens billed on answers that were thrown away (cut streams, calls given up on): <c>tokens_billed</c>, <c>tokens_wasted</c>.</summary>
    public const string Waste = "waste";

    /// <summary>Every component, in report order.</summary>
    public static IReadOnlyList<string> All { get; } = [Served, AnswerQuality, Latency, FailFast, Discipline, Detect, Recover, Waste];
}

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
