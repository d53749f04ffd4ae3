using ChaosKit.Core.Results;
using ChaosKit.Reports.Words;

namespace ChaosKit.Reports.Tests.Words;

public class ScoreWordsTests
{
    private static ScoreComponent Served(double value, double availability, double? baseline) =>
        ScoreComponent.Of(ScoreComponentNames.Served, value, 0.3,
            [("scheduled", 200), ("served", 200 * availability), ("availability", availability), .. baseline is { } b ? new[] { ("baseline_availability", b) } : []]);

    private static ScoreComponent Latency(double value, params (string, double)[] numbers) =>
        ScoreComponent.Of(ScoreComponentNames.Latency, value, 0.15, [("served", 100), .. numbers]);

    private static ScoreCard Card(params PhaseScore[] phases) => new(50, phases[0].Phase, phases, ScoreMethod.DegradationV2);

    [Fact]
    public void A_phase_says_what_cost_it_points_the_costliest_first()
    {
        var baseline = new PhaseScore("baseline", 100, [Served(1, 1, 1), Latency(1, ("p95_ms", 200), ("baseline_p95_ms", 200), ("tolerated_p95_ms", 250))]);
        var outage = new PhaseScore("outage", 60, [
            Served(0.9, 0.9, 1),
            Latency(250.0 / 800, ("p95_ms", 800), ("baseline_p95_ms", 200), ("tolerated_p95_ms", 250)),
            ScoreComponent.Of(ScoreComponentNames.Discipline, 0.6, 0.15, ("calls_per_request", 2.9), ("calls_budget", 2), ("early_retries", 0))]);
        var recovery = new PhaseScore("recovery", 100, [Served(1, 1, 1), Latency(1, ("p95_ms", 230), ("baseline_p95_ms", 200), ("tolerated_p95_ms", 250))]);
        var card = Card(baseline, outage, recovery);

        Assert.Equal("baseline: availability 100%, p95 200 ms", ScoreWords.Explain(card, baseline));
        Assert.Equal("p95 800 ms vs 200 ms in the baseline (4× slower); " +
            "2.9 provider calls per request (budget 2), 0 early retries; availability 90% (180 of 200 served) vs 100% in the baseline",
            ScoreWords.Explain(card, outage));
        Assert.Equal("availability 100% (200 of 200 served) vs 100% in the baseline; p95 230 ms, as fast as the baseline", ScoreWords.Explain(card, recovery));
    }

    [Fact]
    public void Each_deduction_of_the_run_carries_its_points_numbers_and_phase()
    {
        var card = Card(new PhaseScore("baseline", 100, [])) with
        {
            Components = [
                ScoreComponent.Of(ScoreComponentNames.Discipline, 0.2, 0.15, ("calls_per_request", 2.9), ("calls_budget", 2), ("early_retries", 0)) with { Phase = "outage" },
                ScoreComponent.Of(ScoreComponentNames.Detect, 0, 0.05, ("impact", 1), ("window_ms", 20_000)) with { Phase = "outage" },
                ScoreComponent.Of(ScoreComponentNames.Waste, 1, 0.05, ("tokens_billed", 900), ("tokens_wasted", 0)),
            ],
        };

        Assert.Equal([
            "−12 discipline: 2.9 provider calls per request (budget 2), 0 early retries, in outage",
            "−5 detect: never fell back or answered an error: requests hung until they timed out, in outage",
        ], ScoreWords.Deductions(card));
    }

    [Theory]
    [InlineData(ScoreComponentNames.AnswerQuality, "12 of 200 answers degraded (fallback, worth 50% of a real one)", "ok", 188, "fallback", 12, "fallback_credit", 0.5)]
    [InlineData(ScoreComponentNames.AnswerQuality, "12 of 200 answers degraded (fallback, worth 50% of a real one), 40 of 200 requests got no answer", "scheduled", 200, "ok", 148, "fallback", 12, "fallback_credit", 0.5)]
    [InlineData(ScoreComponentNames.AnswerQuality, "74 of 160 requests got no answer", "scheduled", 160, "ok", 86, "fallback", 0, "fallback_credit", 0.5)]
    [InlineData(ScoreComponentNames.FailFast, "40% of 50 unserved requests failed within 1,000 ms, 30 timed out", "unserved", 50, "timeouts", 30, "fast_share", 0.4, "fast_ms", 1000)]
    [InlineData(ScoreComponentNames.Detect, "fell back or answered an error 2.5 s after the fault began", "time_to_detect_ms", 2500, "impact", 1)]
    [InlineData(ScoreComponentNames.Detect, "the fault changed nothing users saw", "impact", 0)]
    [InlineData(ScoreComponentNames.Recover, "back to the baseline 7 s after the fault ended", "time_to_recover_ms", 7000, "window_ms", 20000)]
    [InlineData(ScoreComponentNames.Recover, "not back to the baseline within 20 s of the fault's end", "window_ms", 20000)]
    [InlineData(ScoreComponentNames.Waste, "1,200 of 9,000 billed tokens thrown away", "tokens_billed", 9000, "tokens_wasted", 1200)]
    public void Every_component_is_worded_from_its_numbers(string name, string words, params object[] numbers)
    {
        var pairs = numbers.Chunk(2).Select(p => ((string)p[0], Convert.ToDouble(p[1], System.Globalization.CultureInfo.InvariantCulture))).ToArray();

        Assert.Equal(words, ScoreWords.Part(ScoreComponent.Of(name, 0.5, 0.1, pairs)));
    }

    [Fact]
    public void A_phase_alone_or_without_requests_says_so()
    {
        var alone = new PhaseScore("only", 100, [Served(1, 1, null), Latency(1, ("p95_ms", 1234))]);
        var empty = new PhaseScore("quiet", 0, [
            ScoreComponent.Of(ScoreComponentNames.Served, 0, 0.3, ("scheduled", 0)),
            ScoreComponent.Of(ScoreComponentNames.Latency, 0, 0.15, ("scheduled", 0))]);

        Assert.Equal("availability 100% (200 of 200 served); p95 1,234 ms", ScoreWords.Explain(Card(alone), alone));
        Assert.Equal("no requests were scheduled in this phase, so nothing shows how it held up", ScoreWords.Explain(Card(alone, empty), empty));
    }

    [Fact]
    public void A_score_of_the_first_version_or_a_newer_component_still_reads()
    {
        var v1 = new PhaseScore("outage", 44.4, [
            ScoreComponent.Of("availability", 0.5, 0.7, ("availability", 0.5), ("fallback_share", 0.2), ("scheduled", 100), ("baseline_availability", 1)),
            ScoreComponent.Of(ScoreComponentNames.Latency, 1, 0.3, ("completed", 100), ("p95_ms", 230), ("baseline_p95_ms", 200), ("tolerated_p95_ms", 250))]);
        var v1Card = new ScoreCard(44.4, "baseline", [new PhaseScore("baseline", 100, []), v1], ScoreMethod.DegradationV1);
        var newer = new PhaseScore("outage", 80, [ScoreComponent.Of("token_cost", 0.8, 1)]);

        Assert.Equal("availability 50% vs 100% in the baseline, 20% served by fallback; p95 230 ms, as fast as the baseline", ScoreWords.Explain(v1Card, v1));
        Assert.Equal("44.4", ScoreWords.WithGrade(v1Card));
        Assert.Equal("token cost 80% of the baseline's", ScoreWords.Explain(Card(new PhaseScore("baseline", 100, []), newer), newer));
        Assert.Equal("Token cost", ScoreWords.Label(newer.Components[0]));
        Assert.Equal("degradation score, version 4.", ScoreWords.Method(new ScoreMethod("degradation", 4)));
        Assert.StartsWith("Each phase scores 70% × (availability ÷ baseline availability)", ScoreWords.Method(ScoreMethod.DegradationV1));
        Assert.Equal("50 (F)", ScoreWords.WithGrade(Card(newer)));
    }
}
