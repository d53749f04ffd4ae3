using System.Globalization;
using ChaosKit.Core.Results;

namespace ChaosKit.Reports.Words;

/// <summary>
/// Puts a score (<see cref="ScoreCard"/>) into words: why a phase scored as it did, from its components' numbers, and
/// how the score is computed, from its method. Every report format and the console word scores here; a component or
/// method this version does not know is shown with its value.
/// </summary>
public static class ScoreWords
{
    /// <summary>Why <paramref name="phase"/> of <paramref name="card"/> scored as it did, in a sentence.</summary>
    public static string Explain(ScoreCard card, PhaseScore phase)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(phase);
        var availability = phase.Component(ScoreComponentNames.Availability);
        if (availability?["scheduled"] == 0) return "no requests were scheduled in this phase, so nothing shows how it held up";
        if (phase.Phase == card.Baseline && card.Phases.Count > 1)
        {
            var latency = phase.Component(ScoreComponentNames.Latency);
            return $"baseline: availability {Percent(availability?["availability"] ?? 0)}, " +
                (latency?["p95_ms"] is { } p95 ? $"p95 {Ms(p95)}" : "no request completed");
        }
        return string.Join("; ", phase.Components.Select(Part));
    }

    /// <summary>How the score is computed, in a sentence for the reader of a report.</summary>
    /// <remarks>The figures are <c>DegradationScorer</c>'s weights and slack, which a runner test holds them to.</remarks>
    public static string Method(ScoreMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method == ScoreMethod.DegradationV1
            ? "Each phase scores 70% × (availability ÷ baseline availability) + 30% × (baseline p95 ÷ phase p95), each part capped at 1, " +
              "where a p95 within 50 ms or 20% of the baseline's counts as unchanged; " +
              "the run's score is the duration-weighted mean over the phases after the baseline (the first phase)."
            : $"{method.Name} score, version {method.Version.ToString(CultureInfo.InvariantCulture)}.";
    }

    /// <summary>A component's name for a label, e.g. <c>Availability</c>.</summary>
    public static string Label(ScoreComponent component)
    {
        ArgumentNullException.ThrowIfNull(component);
        var words = component.Name.Replace('_', ' ');
        return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
    }

    private static string Part(ScoreComponent component) => component.Name switch
    {
        ScoreComponentNames.Availability => AvailabilityPart(component),
        ScoreComponentNames.Latency => LatencyPart(component),
        _ => $"{component.Name.Replace('_', ' ')} {Percent(component.Value)} of the baseline's",
    };

    private static string AvailabilityPart(ScoreComponent c)
    {
        var words = $"availability {Percent(c["availability"] ?? 0)}";
        if (c["baseline_availability"] is { } baseline) words += $" vs {Percent(baseline)} in the baseline";
        if (c["fallback_share"] is { } fallback && fallback > 0) words += $", {Percent(fallback)} served by fallback";
        return words;
    }

    private static string LatencyPart(ScoreComponent c)
    {
        if (c["completed"] == 0 || c["p95_ms"] is not { } p95) return "no request completed";
        if (c["baseline_p95_ms"] is not { } baseline || c["tolerated_p95_ms"] is not { } tolerated) return $"p95 {Ms(p95)}";
        return p95 > tolerated
            ? $"p95 {Ms(p95)} vs {Ms(baseline)} in the baseline ({(p95 / Math.Max(baseline, 0.001)).ToString("0.#", CultureInfo.InvariantCulture)}× slower)"
            : $"p95 {Ms(p95)}, as fast as the baseline";
    }

    private static string Percent(double ratio) => (ratio * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Ms(double ms) => ms.ToString("#,0", CultureInfo.InvariantCulture) + " ms";
}
