using System.Globalization;
using ChaosKit.Core.Results;

namespace ChaosKit.Scoring;

/// <summary>
/// First version of the degradation score: each phase is compared with the baseline (the first phase) on
/// availability and on p95 latency, and the run's score is the duration-weighted mean over the phases after it.
/// A workflow that serves every user as fast as in the baseline scores 100 whatever the faults; one that serves
/// nobody scores 0.
/// </summary>
public static class DegradationScorer
{
    /// <summary>Weight of the availability part; the latency part takes the rest.</summary>
    public const double AvailabilityWeight = 0.7;

    /// <summary>Latency within this many milliseconds of the baseline p95 counts as unchanged.</summary>
    public const double LatencySlackMs = 50;

    /// <summary>Latency within this factor of the baseline p95 counts as unchanged.</summary>
    public const double LatencySlackFactor = 1.2;

    /// <summary>How the score is computed, in one line for the report.</summary>
    public const string Method =
        "Each phase scores 70% × (availability ÷ baseline availability) + 30% × (baseline p95 ÷ phase p95), each part capped at 1, " +
        "where a p95 within 50 ms or 20% of the baseline's counts as unchanged; " +
        "the run's score is the duration-weighted mean over the phases after the baseline (the first phase).";

    /// <summary>Scores <paramref name="phases"/>, the first of which is the baseline.</summary>
    public static ScoreCard Score(IReadOnlyList<PhaseResult> phases)
    {
        ArgumentNullException.ThrowIfNull(phases);
        if (phases.Count == 0) return new ScoreCard(0, "", [], Method);

        var baseline = phases[0];
        var baselineAvailability = baseline.Stats.Outcomes.Availability;
        var baselineP95 = baseline.Stats.Latency.Count > 0 ? baseline.Stats.Latency.P95Ms : (double?)null;
        var onlyBaseline = phases.Count == 1;

        var scores = phases.Select(phase => ScorePhase(phase, phase == baseline && !onlyBaseline, onlyBaseline, baselineAvailability, baselineP95)).ToArray();

        var scored = onlyBaseline ? phases : phases.Skip(1).ToArray();
        var weights = scored.Select(p => Math.Max(p.EndSeconds - p.StartSeconds, 1e-9)).ToArray();
        var total = scored.Select((p, i) => scores[p.Index].Score * weights[i]).Sum() / weights.Sum();
        return new ScoreCard(Math.Round(total, 1), baseline.Name, scores, Method);
    }

    private static PhaseScore ScorePhase(PhaseResult phase, bool isBaseline, bool onlyBaseline, double baselineAvailability, double? baselineP95)
    {
        var outcomes = phase.Stats.Outcomes;
        if (outcomes.Scheduled == 0)
            return new PhaseScore(phase.Name, 0, 0, 0, "no requests were scheduled in this phase, so nothing shows how it held up");

        // Against a baseline that itself failed everything, relative availability means nothing: use the absolute value.
        var reference = onlyBaseline || baselineAvailability <= 0 ? 1.0 : baselineAvailability;
        var availability = Math.Min(1, outcomes.Availability / reference);

        double latency;
        string latencyWords;
        if (phase.Stats.Latency.Count == 0)
        {
            latency = 0;
            latencyWords = "no request completed";
        }
        else if (baselineP95 is not { } reference95 || onlyBaseline)
        {
            latency = 1;
            latencyWords = $"p95 {Ms(phase.Stats.Latency.P95Ms)}";
        }
        else
        {
            var p95 = phase.Stats.Latency.P95Ms;
            // Small absolute differences are noise to a user of an AI workflow, not degradation.
            var tolerated = Math.Max(reference95 * LatencySlackFactor, reference95 + LatencySlackMs);
            latency = p95 <= 0 ? 1 : Math.Min(1, tolerated / p95);
            latencyWords = p95 > tolerated
                ? $"p95 {Ms(p95)} vs {Ms(reference95)} in the baseline ({(p95 / Math.Max(reference95, 0.001)).ToString("0.#", CultureInfo.InvariantCulture)}× slower)"
                : $"p95 {Ms(p95)}, as fast as the baseline";
        }

        var score = 100 * ((AvailabilityWeight * availability) + ((1 - AvailabilityWeight) * latency));
        var availabilityWords = $"availability {Percent(outcomes.Availability)}" +
            (onlyBaseline ? "" : $" vs {Percent(baselineAvailability)} in the baseline") +
            (outcomes.Fallback > 0 ? $", {Percent(outcomes.FallbackRate)} served by fallback" : "");
        var explanation = isBaseline
            ? $"baseline: {availabilityWords.Split(" vs ")[0]}, p95 {Ms(phase.Stats.Latency.P95Ms)}"
            : $"{availabilityWords}; {latencyWords}";
        return new PhaseScore(phase.Name, Math.Round(score, 1), Math.Round(availability * 100, 1), Math.Round(latency * 100, 1), explanation);
    }

    private static string Percent(double ratio) => (ratio * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Ms(double ms) => ms.ToString("#,0", CultureInfo.InvariantCulture) + " ms";
}
