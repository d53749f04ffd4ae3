using ChaosKit.Core.Results;
using ChaosKit.Core.Scenarios;

namespace ChaosKit.Scoring;

/// <summary>
/// The degradation score, version 3 (<see cref="ScoreMethod.DegradationV3"/>): what an AI outage did to the users of
/// the app under test, and how well the app behaved towards its providers. Each phase is scored on eight components
/// (<see cref="ScoreComponentNames.All"/>), each 0–1 against the baseline (the first phase), weighted into 0–100.
/// The run's score is the duration-weighted mean over the phases that had faults, each scored with the recovery after
/// it, so a long healthy tail cannot lift a bad outage toward 100; a timeline without faults scores every phase after
/// the baseline. <c>docs/scoring.md</c> gives each formula and why it is weighted as it is.
/// </summary>
public static class DegradationScorer
{
    /// <summary>Latency within this many milliseconds of the baseline p95 counts as unchanged.</summary>
    public const double LatencySlackMs = 50;

    /// <summary>Latency within this factor of the baseline p95 counts as unchanged.</summary>
    public const double LatencySlackFactor = 1.2;

    /// <summary>
    /// A p95 this long earns no latency credit (or <see cref="LatencyZeroFactor"/> times the tolerated p95, if that is
    /// later): about the limit of a user's attention, past which a wait reads as broken whatever the baseline was.
    /// </summary>
    public const double LatencyZeroMs = 10_000;

    /// <summary>For a baseline already near <see cref="LatencyZeroMs"/>, credit ends at this many times the tolerated p95.</summary>
    public const double LatencyZeroFactor = 4;

    /// <summary>
    /// The share of requests a phase may turn away (beyond what the baseline turned away) before <c>served</c> earns
    /// nothing: each point of availability lost costs two points of the component, because an error page is the worst
    /// thing an outage can do to a user, and an app that fails half its users is broken, not half working.
    /// </summary>
    public const double ServedZeroAtShareLost = 0.5;

    /// <summary>A failure this quick (or within the tolerated p95, if longer) counts as failing fast.</summary>
    public const double FastFailureMs = 1000;

    /// <summary>Detection within this many seconds of the fault's start earns full credit.</summary>
    public const double DetectGraceSeconds = 1;

    /// <summary>Recovery within this many seconds of the fault's end earns full credit.</summary>
    public const double RecoverGraceSeconds = 2;

    /// <summary>Detection or recovery this long after its grace (or the phase's length, if shorter) earns nothing.</summary>
    public const double SlowestCreditedSeconds = 30;

    /// <summary>Seconds in a row that must look like the baseline for the app to count as recovered.</summary>
    public const int RecoveredSecondsInARow = 3;

    /// <summary>How far a recovered second's availability may sit below the baseline's (and its fallback share above).</summary>
    public const double RecoveryTolerance = 0.05;

    /// <summary>Scores <paramref name="phases"/> (the first is the baseline) with the default settings and no per-second series.</summary>
    public static ScoreCard Score(IReadOnlyList<PhaseResult> phases) => Score(phases, [], ScoreSettings.Default);

    /// <summary>Scores <paramref name="phases"/>, the first of which is the baseline.</summary>
    /// <param name="phases">The run's phases, in timeline order.</param>
    /// <param name="seconds">Outcomes per second of the run: when the app detected a fault and when it recovered.</param>
    /// <param name="settings">The scenario's weights, fallback credit and calls budget.</param>
    public static ScoreCard Score(IReadOnlyList<PhaseResult> phases, IReadOnlyList<SecondBucket> seconds, ScoreSettings settings)
    {
        ArgumentNullException.ThrowIfNull(phases);
        ArgumentNullException.ThrowIfNull(seconds);
        ArgumentNullException.ThrowIfNull(settings);
        if (phases.Count == 0) return new ScoreCard(0, "", [], ScoreMethod.DegradationV3);

        var baseline = Baseline.Of(phases[0]);
        var scored = ScoredPhases(phases);
        var lengths = scored.ToDictionary(p => p.Index, p => Math.Max(p.EndSeconds - p.StartSeconds, 1e-9));
        var scoredLength = lengths.Values.Sum();

        var scores = phases
            .Select(phase => ScorePhase(phase, phases, seconds, settings, phases.Count == 1 ? null : baseline) with
            {
                Weight = lengths.TryGetValue(phase.Index, out var length) ? length / scoredLength : 0,
            })
            .ToArray();
        var total = scores.Sum(s => s.Weight * s.Score);
        return new ScoreCard(Math.Round(total, 1), phases[0].Name, scores, ScoreMethod.DegradationV3)
        {
            Components = RunComponents(scores),
        };
    }

    /// <summary>The phases the run's score averages: those with faults after the baseline, else every one after it.</summary>
    private static PhaseResult[] ScoredPhases(IReadOnlyList<PhaseResult> phases)
    {
        if (phases.Count == 1) return [phases[0]];
        var faulted = phases.Skip(1).Where(p => p.Faults.Count > 0).ToArray();
        return faulted.Length > 0 ? faulted : [.. phases.Skip(1)];
    }

    /// <summary>
    /// The run's components: each component's points lost over the scored phases (weighted as the total is), with
    /// the numbers of the phase that lost the most for it, so its words say where.
    /// </summary>
    private static ScoreComponent[] RunComponents(IReadOnlyList<PhaseScore> scores)
    {
        var components = new List<ScoreComponent>();
        foreach (var name in ScoreComponentNames.All)
        {
            var parts = scores.Where(s => s.Weight > 0).Select(s => (Score: s, Component: s.Component(name))).Where(p => p.Component is not null).ToArray();
            if (parts.Length == 0) continue;
            var weight = parts.Sum(p => p.Score.Weight * p.Component!.Weight);
            var pointsLost = parts.Sum(p => p.Score.Weight * p.Component!.PointsLost);
            var worst = parts.OrderByDescending(p => p.Component!.PointsLost).ThenBy(p => p.Score.Phase, StringComparer.Ordinal).First();
            var value = weight <= 0 ? 1 : 1 - (pointsLost / (100 * weight));
            components.Add(new ScoreComponent(name, Math.Clamp(value, 0, 1), weight, pointsLost, worst.Component!.Numbers) { Phase = worst.Score.Phase });
        }
        return [.. components];
    }

    private static PhaseScore ScorePhase(
        PhaseResult phase, IReadOnlyList<PhaseResult> phases, IReadOnlyList<SecondBucket> seconds, ScoreSettings settings, Baseline? baseline)
    {
        var outcomes = phase.Stats.Outcomes;
        var faulted = phase.Faults.Count > 0 && baseline is not null;
        var next = phase.Index + 1 < phases.Count ? phases[phase.Index + 1] : null;
        var recoveryAfter = faulted && next is not null && next.Faults.Count == 0 ? next : null;

        List<(string Name, double Value, (string, double)[] Numbers)> parts;
        if (outcomes.Scheduled == 0)
        {
            // No data: nothing shows how the phase held up, so it earns nothing.
            parts = [.. ScoreComponentNames.All
                .Where(n => (n != ScoreComponentNames.Detect || faulted) && (n != ScoreComponentNames.Recover || recoveryAfter is not null))
                .Select(n => (n, 0.0, new[] { ("scheduled", 0.0) }))];
        }
        else
        {
            parts =
            [
                Served(outcomes, baseline),
                AnswerQuality(outcomes, settings),
                Latency(phase, baseline),
                FailFast(phase.Stats, baseline),
                Discipline(phase, settings),
            ];
            if (faulted) parts.Add(Detect(phase, seconds, baseline!));
            if (recoveryAfter is not null) parts.Add(Recover(phase, recoveryAfter, seconds, baseline!));
            parts.Add(Waste(phase.ProviderCalls));
        }

        // The components present share the weight: a phase without a recovery after it is not scored on one.
        var weightSum = parts.Sum(p => settings.WeightOf(p.Name));
        var components = parts
            .Select(p => ScoreComponent.Of(p.Name, Math.Clamp(p.Value, 0, 1), weightSum <= 0 ? 0 : settings.WeightOf(p.Name) / weightSum, p.Numbers))
            .ToArray();
        var score = 100 - components.Sum(c => c.PointsLost);
        return new PhaseScore(phase.Name, Math.Round(Math.Clamp(score, 0, 100), 1), components);
    }

    private static (string, double, (string, double)[]) Served(OutcomeCounts outcomes, Baseline? baseline)
    {
        var availability = outcomes.Availability ?? 0;
        List<(string, double)> numbers = [("scheduled", outcomes.Scheduled), ("served", outcomes.Served), ("availability", availability)];
        // Against a baseline that itself failed everything, relative availability means nothing: use the absolute value.
        var reference = baseline?.Availability is { } measured && measured > 0 ? measured : 1.0;
        if (baseline?.Availability is { } b) numbers.Add(("baseline_availability", b));
        var lost = Math.Max(0, 1 - (availability / reference));
        return (ScoreComponentNames.Served, Math.Max(0, 1 - (lost / ServedZeroAtShareLost)), [.. numbers]);
    }

    private static (string, double, (string, double)[]) AnswerQuality(OutcomeCounts outcomes, ScoreSettings settings)
    {
        (string, double)[] numbers =
            [("scheduled", outcomes.Scheduled), ("ok", outcomes.Ok), ("fallback", outcomes.Fallback), ("fallback_credit", settings.FallbackCredit)];
        // Over every request: a user who got an error got no answer at all, so failing must never read better than
        // falling back to a lesser answer.
        var value = outcomes.Scheduled == 0 ? 0 : (outcomes.Ok + (settings.FallbackCredit * outcomes.Fallback)) / outcomes.Scheduled;
        return (ScoreComponentNames.AnswerQuality, value, numbers);
    }

    /// <summary>
    /// The p95 of served requests against the tolerated baseline p95 (<see cref="LatencyCredit"/>); for a streamed
    /// target, the mean of that and the same credit for the time to first byte, since a stream that starts late is
    /// what its user waits on.
    /// </summary>
    private static (string, double, (string, double)[]) Latency(PhaseResult phase, Baseline? baseline)
    {
        var served = phase.Stats.ServedLatency;
        if (served.Count == 0) return (ScoreComponentNames.Latency, 0, [("served", 0)]);
        var p95 = served.P95Ms;
        if (baseline?.TolerableP95Ms is not { } tolerated)
            return (ScoreComponentNames.Latency, 1, [("served", served.Count), ("p95_ms", p95)]);
        List<(string, double)> numbers = [("served", served.Count), ("p95_ms", p95), ("baseline_p95_ms", baseline.P95Ms!.Value), ("tolerated_p95_ms", tolerated)];
        var value = LatencyCredit(p95, tolerated);

        // The streamed step with the most first bytes in this phase, against the same step in the baseline.
        var streamed = phase.Steps.Where(s => s.TimeToFirstByte.Count > 0).OrderByDescending(s => s.TimeToFirstByte.Count).FirstOrDefault();
        if (streamed is not null && baseline.FirstBytes.TryGetValue((streamed.Workflow, streamed.Step), out var baselineTtfb))
        {
            var ttfb = streamed.TimeToFirstByte.P95Ms;
            var toleratedTtfb = Tolerable(baselineTtfb);
            numbers.AddRange([("ttfb_p95_ms", ttfb), ("baseline_ttfb_p95_ms", baselineTtfb), ("tolerated_ttfb_p95_ms", toleratedTtfb)]);
            value = (value + LatencyCredit(ttfb, toleratedTtfb)) / 2;
        }
        return (ScoreComponentNames.Latency, value, [.. numbers]);
    }

    /// <summary>
    /// 1 up to the tolerated p95, 0 from <see cref="LatencyZeroMs"/> (or <see cref="LatencyZeroFactor"/> × tolerated),
    /// and on a log scale between: each doubling of the wait costs the same share. A ratio alone saturates against a
    /// baseline of milliseconds, where a 3 s answer and a 30 s one would both earn nothing, yet users live them very
    /// differently.
    /// </summary>
    internal static double LatencyCredit(double p95, double tolerated)
    {
        if (p95 <= tolerated) return 1;
        var zero = Math.Max(LatencyZeroMs, tolerated * LatencyZeroFactor);
        return p95 >= zero ? 0 : 1 - Math.Log(p95 / tolerated) / Math.Log(zero / tolerated);
    }

    /// <summary>The latency a phase may reach and still count as fast as a baseline of <paramref name="baselineMs"/>.</summary>
    private static double Tolerable(double baselineMs) => Math.Max(baselineMs * LatencySlackFactor, baselineMs + LatencySlackMs);

    private static (string, double, (string, double)[]) FailFast(PhaseStats stats, Baseline? baseline)
    {
        var outcomes = stats.Outcomes;
        // Dropped arrivals never reached the app: they are the load's cap, not the app's way of failing.
        var unserved = outcomes.Failed + outcomes.Timeout + outcomes.Error;
        var fastMs = Math.Max(FastFailureMs, baseline?.TolerableP95Ms ?? 0);
        if (unserved == 0) return (ScoreComponentNames.FailFast, 1, [("unserved", 0), ("fast_ms", fastMs)]);
        var failed = stats.FailedLatency;
        var fastShare = LatencyShare.AtOrBelow(failed, fastMs) ?? 0;
        return (ScoreComponentNames.FailFast, fastShare,
            [("unserved", unserved), ("timeouts", outcomes.Timeout), ("fast_share", fastShare), ("fast_ms", fastMs), ("failed_p50_ms", failed.P50Ms)]);
    }

    private static (string, double, (string, double)[]) Discipline(PhaseResult phase, ScoreSettings settings)
    {
        var calls = phase.ProviderCalls;
        var requests = (double)phase.Stats.Outcomes.Scheduled;
        var perRequest = calls.Total / requests;
        var budget = settings.CallsBudget;
        List<(string, double)> numbers =
            [("calls", calls.Total), ("calls_per_request", perRequest), ("calls_budget", budget), ("early_retries", calls.EarlyRetries)];

        // Three parts, each 0–1, averaged: calls within the budget, retries that waited as told, and a provider that
        // failed every call left alone (a circuit breaker), not called again and again.
        var withinBudget = perRequest <= budget ? 1 : budget / perRequest;
        var patient = calls.Total == 0 ? 1 : 1 - ((double)calls.EarlyRetries / calls.Total);
        var leftAlone = 1.0;
        if (HardDownCalls(phase) is { } hardDown)
        {
            var hardDownPerRequest = hardDown / requests;
            numbers.Add(("hard_down_calls_per_request", hardDownPerRequest));
            leftAlone = Math.Max(0, 1 - (hardDownPerRequest / budget));
        }
        return (ScoreComponentNames.Discipline, (withinBudget + patient + leftAlone) / 3, [.. numbers]);
    }

    /// <summary>
    /// Calls to the providers that were down for the whole phase: a fault of the phase named them (or every provider),
    /// and not one of their calls got a 2xx or a 429 (a rate limit is a refusal, not an outage);
    /// <see langword="null"/> when no provider was down.
    /// </summary>
    private static long? HardDownCalls(PhaseResult phase)
    {
        if (phase.Faults.Count == 0) return null;
        var down = phase.ProviderCalls.ByProvider
            .Where(p => phase.Faults.Any(f => f.Provider is null || f.Provider == p.Key))
            .Where(p => p.Value.Total > 0 && !p.Value.ByStatus.Any(s => IsAnswer(s.Key) && s.Value > 0))
            .ToArray();
        return down.Length == 0 ? null : down.Sum(p => p.Value.Total);
    }

    private static bool IsAnswer(string status) =>
        int.TryParse(status, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) && (code is >= 200 and < 300 or 429);

    /// <summary>
    /// Seconds from the fault's start to the answers of the first second in which the app fell back or answered an
    /// error (a timeout is not noticing); full credit within <see cref="DetectGraceSeconds"/>.
    /// </summary>
    private static (string, double, (string, double)[]) Detect(PhaseResult phase, IReadOnlyList<SecondBucket> seconds, Baseline baseline)
    {
        var length = phase.EndSeconds - phase.StartSeconds;
        var window = Math.Max(DetectGraceSeconds + 1, Math.Min(SlowestCreditedSeconds, length));
        var outcomes = phase.Stats.Outcomes;
        var degradedShare = (double)(outcomes.Fallback + outcomes.Failed + outcomes.Timeout + outcomes.Error + outcomes.Dropped) / outcomes.Scheduled;
        if (degradedShare <= baseline.DegradedShare + RecoveryTolerance)
            return (ScoreComponentNames.Detect, 1, [("impact", 0), ("window_ms", window * 1000)]);

        var first = SecondsOf(phase.StartSeconds, phase.EndSeconds, seconds).FirstOrDefault(s => s.Fallback + s.Failed + s.Error > 0);
        if (first is null) return (ScoreComponentNames.Detect, 0, [("impact", 1), ("window_ms", window * 1000)]);
        // Seconds hold the requests scheduled in them; their answers came about a median latency later.
        var detected = Math.Max(0, first.Second + (first.P50Ms / 1000) - phase.StartSeconds);
        var value = 1 - ((detected - DetectGraceSeconds) / (window - DetectGraceSeconds));
        return (ScoreComponentNames.Detect, Math.Clamp(value, 0, 1), [("time_to_detect_ms", detected * 1000), ("impact", 1), ("window_ms", window * 1000)]);
    }

    /// <summary>
    /// Seconds from the fault's end until <see cref="RecoveredSecondsInARow"/> seconds in a row served as the
    /// baseline did (availability and fallback share within <see cref="RecoveryTolerance"/>, p95 within the tolerated).
    /// </summary>
    private static (string, double, (string, double)[]) Recover(PhaseResult phase, PhaseResult after, IReadOnlyList<SecondBucket> seconds, Baseline baseline)
    {
        var window = Math.Max(RecoverGraceSeconds + 1, Math.Min(SlowestCreditedSeconds, after.EndSeconds - after.StartSeconds));
        var span = SecondsOf(after.StartSeconds, after.EndSeconds, seconds).Where(s => Scheduled(s) > 0).ToArray();
        var needed = Math.Min(RecoveredSecondsInARow, span.Length);
        for (var i = 0; needed > 0 && i + needed <= span.Length; i++)
        {
            if (!span.Skip(i).Take(needed).All(s => LooksLikeBaseline(s, baseline))) continue;
            var recovered = Math.Max(0, span[i].Second - phase.EndSeconds);
            var value = 1 - ((recovered - RecoverGraceSeconds) / (window - RecoverGraceSeconds));
            return (ScoreComponentNames.Recover, Math.Clamp(value, 0, 1), [("time_to_recover_ms", recovered * 1000), ("window_ms", window * 1000)]);
        }
        return (ScoreComponentNames.Recover, 0, [("window_ms", window * 1000)]);
    }

    private static bool LooksLikeBaseline(SecondBucket second, Baseline baseline)
    {
        var scheduled = (double)Scheduled(second);
        var availability = (second.Ok + second.Fallback) / scheduled;
        return availability >= (baseline.Availability ?? 1) - RecoveryTolerance
            && second.Fallback / scheduled <= baseline.FallbackShare + RecoveryTolerance
            && (baseline.TolerableP95Ms is not { } tolerated || second.P95Ms <= tolerated);
    }

    private static long Scheduled(SecondBucket s) => s.Ok + s.Fallback + s.Failed + s.Timeout + s.Error + s.Dropped;

    /// <summary>The whole seconds of the run that start within [<paramref name="from"/>, <paramref name="to"/>).</summary>
    private static IEnumerable<SecondBucket> SecondsOf(double from, double to, IReadOnlyList<SecondBucket> seconds) =>
        seconds.Where(s => s.Second >= Math.Ceiling(from - 1e-9) && s.Second < to - 1e-9).OrderBy(s => s.Second);

    private static (string, double, (string, double)[]) Waste(ProviderCallStats calls)
    {
        (string, double)[] numbers = [("tokens_billed", calls.TokensBilled), ("tokens_wasted", calls.TokensWasted)];
        return (ScoreComponentNames.Waste, calls.TokensBilled == 0 ? 1 : 1 - ((double)calls.TokensWasted / calls.TokensBilled), numbers);
    }

    /// <summary>What the baseline phase measured, that the other phases are held to.</summary>
    private sealed record Baseline(double? Availability, double FallbackShare, double DegradedShare, double? P95Ms)
    {
        /// <summary>The served p95 a phase may reach and still count as fast as the baseline.</summary>
        public double? TolerableP95Ms => P95Ms is { } p95 ? Tolerable(p95) : null;

        /// <summary>Each streamed step's p95 time to first byte in the baseline.</summary>
        public IReadOnlyDictionary<(string Workflow, string Step), double> FirstBytes { get; init; } = new Dictionary<(string, string), double>();

        public static Baseline Of(PhaseResult phase)
        {
            var o = phase.Stats.Outcomes;
            var served = phase.Stats.ServedLatency;
            return new Baseline(
                o.Availability,
                o.FallbackRate ?? 0,
                o.Scheduled == 0 ? 0 : (double)(o.Fallback + o.Failed + o.Timeout + o.Error + o.Dropped) / o.Scheduled,
                served.Count > 0 ? served.P95Ms : null)
            {
                FirstBytes = phase.Steps.Where(s => s.TimeToFirstByte.Count > 0).ToDictionary(s => (s.Workflow, s.Step), s => s.TimeToFirstByte.P95Ms),
            };
        }
    }
}
