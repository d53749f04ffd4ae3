using System.Globalization;
using ChaosKit.Core.Results;

namespace ChaosKit.Reports.Words;

/// <summary>
/// Puts a score (<see cref="ScoreCard"/>) into words: why a phase scored as it did and what each deduction of the run
/// was for, from the components' numbers, and how the score is computed, from its method. Every report format and the
/// console word scores here; a component or method this version does not know is shown with its value.
/// </summary>
public static class ScoreWords
{
    // The first score's component, still worded so results written by older versions read.
    private const string V1Availability = "availability";

    /// <summary>Why <paramref name="phase"/> of <paramref name="card"/> scored as it did, in a sentence.</summary>
    public static string Explain(ScoreCard card, PhaseScore phase)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(phase);
        var first = phase.Components.FirstOrDefault();
        if (first?["scheduled"] == 0) return "no requests were scheduled in this phase, so nothing shows how it held up";
        if (phase.Phase == card.Baseline && card.Phases.Count > 1)
        {
            var served = phase.Component(ScoreComponentNames.Served) ?? phase.Component(V1Availability);
            var latency = phase.Component(ScoreComponentNames.Latency);
            return $"baseline: availability {Percent(served?["availability"] ?? 0)}, " +
                (latency?["p95_ms"] is { } p95 ? $"p95 {Ms(p95)}" : "no request completed");
        }
        if (card.Method == ScoreMethod.DegradationV1) return string.Join("; ", phase.Components.Select(Part));
        var lost = phase.Components.Where(c => c.PointsLost >= 0.05).OrderByDescending(c => c.PointsLost).ToArray();
        // A phase that lost nothing says how it was served; one that lost points says what cost them, costliest first.
        return string.Join("; ", (lost.Length > 0 ? lost : phase.Components.Where(c => c.Name is ScoreComponentNames.Served or ScoreComponentNames.Latency)).Select(Part));
    }

    /// <summary>
    /// The run's deductions, the largest first, one line each with its numbers and the phase they come from, e.g.
    /// <c>−12 discipline: 2.9 provider calls per request (budget 2), 0 early retries, in outage</c>.
    /// </summary>
    public static IReadOnlyList<string> Deductions(ScoreCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return [.. card.Components
            .Where(c => c.PointsLost >= 0.05)
            .OrderByDescending(c => c.PointsLost)
            .Select(c => $"−{c.PointsLost.ToString("0.#", CultureInfo.InvariantCulture)} {c.Name.Replace('_', ' ')}: {Part(c)}" +
                (c.Phase is { } phase ? $", in {phase}" : ""))];
    }

    /// <summary>The score with its letter, e.g. <c>80.5 (B)</c>; a score of the first version has no letter.</summary>
    public static string WithGrade(ScoreCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var total = card.Total.ToString("0.#", CultureInfo.InvariantCulture);
        return card.Method == ScoreMethod.DegradationV1 ? total : $"{total} ({card.Grade})";
    }

    /// <summary>How the score is computed, in a sentence for the reader of a report.</summary>
    /// <remarks>The figures are <c>DegradationScorer</c>'s and <c>ScoreSettings</c>'s defaults, which a runner test holds them to.</remarks>
    public static string Method(ScoreMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method == ScoreMethod.DegradationV1)
        {
            return "Each phase scores 70% × (availability ÷ baseline availability) + 30% × (baseline p95 ÷ phase p95), each part capped at 1, " +
                "where a p95 within 50 ms or 20% of the baseline's counts as unchanged; " +
                "the run's score is the duration-weighted mean over the phases after the baseline (the first phase).";
        }
        if (method == ScoreMethod.DegradationV2 || method == ScoreMethod.DegradationV3)
        {
            return "Each phase is scored against the baseline (the first phase) on eight components, by default weighted " +
                "served 30%, answer quality 15%, latency 15%, fail-fast 10%, provider discipline 15%, time to detect 5%, time to recover 5% and waste 5%; " +
                "the run's score is the duration-weighted mean over the phases with faults (every phase after the baseline when none has one). " +
                "Grades: A from 90, B 80, C 70, D 60, F below. docs/scoring.md gives each formula.";
        }
        return $"{method.Name} score, version {method.Version.ToString(CultureInfo.InvariantCulture)}.";
    }

    /// <summary>A component's name for a label, e.g. <c>Answer quality</c>.</summary>
    public static string Label(ScoreComponent component)
    {
        ArgumentNullException.ThrowIfNull(component);
        var words = component.Name.Replace('_', ' ');
        return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
    }

    /// <summary>What <paramref name="component"/>'s numbers say, in a phrase.</summary>
    public static string Part(ScoreComponent component)
    {
        ArgumentNullException.ThrowIfNull(component);
        return component.Name switch
        {
            ScoreComponentNames.Served or V1Availability => ServedPart(component),
            ScoreComponentNames.AnswerQuality => QualityPart(component),
            ScoreComponentNames.Latency => LatencyPart(component),
            ScoreComponentNames.FailFast => FailFastPart(component),
            ScoreComponentNames.Discipline => DisciplinePart(component),
            ScoreComponentNames.Detect => DetectPart(component),
            ScoreComponentNames.Recover => RecoverPart(component),
            ScoreComponentNames.Waste => WastePart(component),
            _ => $"{component.Name.Replace('_', ' ')} {Percent(component.Value)} of the baseline's",
        };
    }

    private static string ServedPart(ScoreComponent c)
    {
        var words = $"availability {Percent(c["availability"] ?? 0)}";
        if (c["served"] is { } served && c["scheduled"] is { } scheduled) words += $" ({Count(served)} of {Count(scheduled)} served)";
        if (c["baseline_availability"] is { } baseline) words += $" vs {Percent(baseline)} in the baseline";
        if (c["fallback_share"] is { } fallback && fallback > 0) words += $", {Percent(fallback)} served by fallback";
        return words;
    }

    private static string QualityPart(ScoreComponent c)
    {
        var ok = c["ok"] ?? 0;
        var fallback = c["fallback"] ?? 0;
        // Results written before answer quality counted every scheduled request have no "scheduled": their whole is what was served.
        var whole = c["scheduled"] ?? (ok + fallback);
        var unanswered = Math.Max(0, whole - ok - fallback);
        if (ok + fallback == 0) return "no answer was served";
        List<string> parts = [];
        if (fallback > 0) parts.Add($"{Count(fallback)} of {Count(whole)} answers degraded (fallback, worth {Percent(c["fallback_credit"] ?? 0)} of a real one)");
        if (unanswered > 0) parts.Add($"{Count(unanswered)} of {Count(whole)} requests got no answer");
        return parts.Count == 0 ? "every answer from the primary path" : string.Join(", ", parts);
    }

    private static string LatencyPart(ScoreComponent c)
    {
        if ((c["served"] ?? c["completed"]) == 0 || c["p95_ms"] is not { } p95) return "no request was served";
        if (c["baseline_p95_ms"] is not { } baseline || c["tolerated_p95_ms"] is not { } tolerated) return $"p95 {Ms(p95)}";
        var words = Against("p95", p95, baseline, tolerated);
        if (c["ttfb_p95_ms"] is { } ttfb && c["baseline_ttfb_p95_ms"] is { } baselineTtfb && c["tolerated_ttfb_p95_ms"] is { } toleratedTtfb)
            words += "; " + Against("first byte p95", ttfb, baselineTtfb, toleratedTtfb);
        return words;
    }

    private static string Against(string what, double value, double baseline, double tolerated) => value > tolerated
        ? $"{what} {Ms(value)} vs {Ms(baseline)} in the baseline ({(value / Math.Max(baseline, 0.001)).ToString("0.#", CultureInfo.InvariantCulture)}× slower)"
        : $"{what} {Ms(value)}, as fast as the baseline";

    private static string FailFastPart(ScoreComponent c)
    {
        var unserved = c["unserved"] ?? 0;
        if (unserved == 0) return "every request was served";
        var words = $"{Percent(c["fast_share"] ?? 0)} of {Count(unserved)} unserved requests failed within {Ms(c["fast_ms"] ?? 0)}";
        if (c["timeouts"] is { } timeouts && timeouts > 0) words += $", {Count(timeouts)} timed out";
        return words;
    }

    private static string DisciplinePart(ScoreComponent c)
    {
        var words = $"{Number(c["calls_per_request"] ?? 0)} provider calls per request (budget {Number(c["calls_budget"] ?? 0)}), " +
            $"{Count(c["early_retries"] ?? 0)} early retries";
        if (c["hard_down_calls_per_request"] is { } hammering)
            words += $", {Number(hammering)} calls per request to a provider that was down";
        return words;
    }

    private static string DetectPart(ScoreComponent c)
    {
        if (c["impact"] == 0) return "the fault changed nothing users saw";
        return c["time_to_detect_ms"] is { } detected
            ? $"fell back or answered an error {Seconds(detected)} after the fault began"
            : "never fell back or answered an error: requests hung until they timed out";
    }

    private static string RecoverPart(ScoreComponent c) => c["time_to_recover_ms"] is { } recovered
        ? $"back to the baseline {Seconds(recovered)} after the fault ended"
        : $"not back to the baseline within {Seconds(c["window_ms"] ?? 0)} of the fault's end";

    private static string WastePart(ScoreComponent c)
    {
        var billed = c["tokens_billed"] ?? 0;
        return billed == 0 ? "no tokens billed" : $"{Count(c["tokens_wasted"] ?? 0)} of {Count(billed)} billed tokens thrown away";
    }

    private static string Percent(double ratio) => (ratio * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Ms(double ms) => ms.ToString("#,0", CultureInfo.InvariantCulture) + " ms";

    private static string Seconds(double ms) => (ms / 1000).ToString("0.#", CultureInfo.InvariantCulture) + " s";

    private static string Count(double count) => count.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
