using ChaosKit.Core.Results;

namespace ChaosKit.Scoring;

/// <summary>
/// First version of the degradation score (<see cref="ScoreMethod.DegradationV1"/>): each phase is compared with the
/// baseline (the first phase) on availability and on p95 latency, and the run's score is the duration-weighted mean
/// over the phases after it. A workflow that serves every user as fast as in the baseline scores 100 whatever the
/// faults; one that serves nobody scores 0. The score is data: each phase's components carry the numbers behind them.
/// </summary>
/// <remarks>Reports state the weights and slack in words (<c>ScoreWords.Method</c>); a runner test keeps them in step.</remarks>
public static class DegradationScorer
{
    /// <summary>Weight of the availability component; the latency component takes the rest.</summary>
    public const double AvailabilityWeight = 0.7;

    /// <summary>Latency within this many milliseconds of the baseline p95 counts as unchanged.</summary>
    public const double LatencySlackMs = 50;

    /// <summary>Latency within this factor of the baseline p95 counts as unchanged.</summary>
    public const double LatencySlackFactor = 1.2;

    private const double LatencyWeight = 1 - AvailabilityWeight;

    /// <summary>Scores <paramref name="phases"/>, the first of which is the baseline.</summary>
    public static ScoreCard Score(IReadOnlyList<PhaseResult> phases)
    {
        ArgumentNullException.ThrowIfNull(phases);
        if (phases.Count == 0) return new ScoreCard(0, "", [], ScoreMethod.DegradationV1);

        var baseline = phases[0];
        // A baseline with nothing scheduled has no availability to compare with (null): phases are then scored absolutely.
        var baselineAvailability = baseline.Stats.Outcomes.Availability;
        var baselineP95 = baseline.Stats.Latency.Count > 0 ? baseline.Stats.Latency.P95Ms : (double?)null;
        var onlyBaseline = phases.Count == 1;

        var scored = onlyBaseline ? phases : phases.Skip(1).ToArray();
        var lengths = scored.Select(p => Math.Max(p.EndSeconds - p.StartSeconds, 1e-9)).ToArray();
        var scoredLength = lengths.Sum();
        var weights = scored.Select((p, i) => (p.Index, Weight: lengths[i] / scoredLength)).ToDictionary(w => w.Index, w => w.Weight);

        var scores = phases
            .Select(phase => ScorePhase(phase, onlyBaseline, baselineAvailability, baselineP95) with { Weight = weights.GetValueOrDefault(phase.Index) })
            .ToArray();
        var total = scored.Select((p, i) => scores[p.Index].Score * lengths[i]).Sum() / scoredLength;
        return new ScoreCard(Math.Round(total, 1), baseline.Name, scores, ScoreMethod.DegradationV1)
        {
            Components = [RunComponent(ScoreComponentNames.Availability, AvailabilityWeight), RunComponent(ScoreComponentNames.Latency, LatencyWeight)],
        };

        // The phases' component, averaged as the total averages their scores.
        ScoreComponent RunComponent(string name, double weight) =>
            ScoreComponent.Of(name, scored.Sum(p => weights[p.Index] * scores[p.Index].Component(name)!.Value), weight);
    }

    private static PhaseScore ScorePhase(PhaseResult phase, bool onlyBaseline, double? baselineAvailability, double? baselineP95)
    {
        var outcomes = phase.Stats.Outcomes;
        if (outcomes.Availability is not { } availabilityValue)
        {
            // No data: nothing shows how the phase held up, so it earns nothing.
            return new PhaseScore(phase.Name, 0, [
                ScoreComponent.Of(ScoreComponentNames.Availability, 0, AvailabilityWeight, ("scheduled", 0)),
                ScoreComponent.Of(ScoreComponentNames.Latency, 0, LatencyWeight, ("completed", 0)),
            ]);
        }

        var availability = Availability(outcomes, availabilityValue, onlyBaseline, baselineAvailability);
        var latency = Latency(phase.Stats.Latency, onlyBaseline, baselineP95);
        var score = 100 * ((AvailabilityWeight * availability.Value) + (LatencyWeight * latency.Value));
        return new PhaseScore(phase.Name, Math.Round(score, 1), [availability, latency]);
    }

    private static ScoreComponent Availability(OutcomeCounts outcomes, double availability, bool onlyBaseline, double? baselineAvailability)
    {
        List<(string, double)> numbers = [("availability", availability), ("fallback_share", outcomes.FallbackRate ?? 0), ("scheduled", outcomes.Scheduled)];
        if (!onlyBaseline && baselineAvailability is { } measured) numbers.Add(("baseline_availability", measured));
        // Against a baseline that itself failed everything, or had nothing scheduled, relative availability means
        // nothing: use the absolute value.
        var reference = onlyBaseline || baselineAvailability is not > 0 ? 1.0 : baselineAvailability.Value;
        return ScoreComponent.Of(ScoreComponentNames.Availability, Math.Min(1, availability / reference), AvailabilityWeight, [.. numbers]);
    }

    private static ScoreComponent Latency(LatencySummary latency, bool onlyBaseline, double? baselineP95)
    {
        if (latency.Count == 0) return ScoreComponent.Of(ScoreComponentNames.Latency, 0, LatencyWeight, ("completed", 0));
        var p95 = latency.P95Ms;
        if (baselineP95 is not { } reference95 || onlyBaseline)
            return ScoreComponent.Of(ScoreComponentNames.Latency, 1, LatencyWeight, ("completed", latency.Count), ("p95_ms", p95));

        // Small absolute differences are noise to a user of an AI workflow, not degradation.
        var tolerated = Math.Max(reference95 * LatencySlackFactor, reference95 + LatencySlackMs);
        return ScoreComponent.Of(ScoreComponentNames.Latency, p95 <= 0 ? 1 : Math.Min(1, tolerated / p95), LatencyWeight,
            ("completed", latency.Count), ("p95_ms", p95), ("baseline_p95_ms", reference95), ("tolerated_p95_ms", tolerated));
    }
}
