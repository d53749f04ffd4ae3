using ChaosKit.Core.Results;
using ChaosKit.Core.Scenarios;

namespace ChaosKit.Scoring.Tests;

/// <summary>Score v2, component by component, on hand-computed cases (docs/scoring.md gives the formulas).</summary>
public class DegradationScorerTests
{
    private static readonly FaultInfo Outage529 = new("error", "claude", 1, new Dictionary<string, string> { ["status"] = "529" });

    private static PhaseResult Phase(
        int index, string name, double start, double end, OutcomeCounts outcomes, double servedP95 = 200, double failedP95 = 5,
        ProviderCallStats? calls = null, params FaultInfo[] faults) =>
        new(index, name, start, end, faults,
            new PhaseStats(outcomes, LatencySummary.Empty, LatencySummary.Empty, LatencySummary.Empty, 1, new Dictionary<string, long>())
            {
                ServedLatency = Latency(servedP95, outcomes.Served),
                FailedLatency = Latency(failedP95, outcomes.Failed + outcomes.Timeout + outcomes.Error),
            },
            calls ?? Calls(outcomes.Scheduled));

    private static LatencySummary Latency(double p95, long count) =>
        count == 0 ? LatencySummary.Empty : new(count, p95 / 4, p95 / 2, p95 / 2, p95 * 0.9, p95, p95, p95, p95);

    private static ProviderCallStats Calls(long total, long early = 0, long billed = 0, long wasted = 0, string provider = "claude", string status = "200")
    {
        var byStatus = new Dictionary<string, long> { [status] = total };
        return new(total, byStatus, 0, 0)
        {
            EarlyRetries = early,
            TokensBilled = billed,
            TokensWasted = wasted,
            ByProvider = new Dictionary<string, ProviderCallStats> { [provider] = new(total, byStatus, 0, 0) },
        };
    }

    private static OutcomeCounts Counts(long scheduled, long ok, long fallback = 0, long failed = 0, long timeout = 0) =>
        new(scheduled, ok, fallback, failed, timeout, 0, scheduled - ok - fallback - failed - timeout);

    private static SecondBucket Second(int second, long ok, long fallback = 0, long failed = 0, double p50 = 100, double p95 = 200) =>
        new(second, ok, fallback, failed, 0, 0, 0, p50, p95, p95);

    private static ScoreComponent Component(ScoreCard card, string phase, string name) =>
        card.Phases.Single(p => p.Phase == phase).Component(name) ?? throw new InvalidOperationException($"{phase} has no {name}");

    [Fact]
    public void A_run_as_good_as_its_baseline_scores_100_with_grade_A()
    {
        var card = DegradationScorer.Score([
            Phase(0, "baseline", 0, 10, Counts(100, 100)),
            Phase(1, "outage", 10, 30, Counts(200, 200), servedP95: 190, faults: Outage529 with { Kind = "latency" }),
        ]);

        Assert.Equal(100, card.Total);
        Assert.Equal("A", card.Grade);
        Assert.Equal(ScoreMethod.DegradationV3, card.Method);
    }

    [Fact]
    public void Served_costs_two_points_a_point_of_availability_lost_and_answer_quality_credits_a_fallback_half()
    {
        var card = DegradationScorer.Score([
            Phase(0, "baseline", 0, 10, Counts(100, 100)),
            Phase(1, "outage", 10, 20, Counts(100, 30, fallback: 50, failed: 20), faults: Outage529),
        ]);

        var served = Component(card, "outage", ScoreComponentNames.Served);
        // 80 % served against a baseline of 100 %: 20 points lost, twice over.
        Assert.Equal(0.6, served.Value, 9);
        Assert.Equal((100.0, 80.0, 1.0), (served["scheduled"], served["served"], served["baseline_availability"]));
        // (30 + 0.5 × 50) / 100 scheduled: the 20 failed got no answer at all.
        Assert.Equal(55.0 / 100, Component(card, "outage", ScoreComponentNames.AnswerQuality).Value, 9);
    }

    [Fact]
    public void Turning_half_the_users_away_earns_nothing_for_served_and_failing_never_beats_falling_back()
    {
        var card = DegradationScorer.Score([
            Phase(0, "baseline", 0, 10, Counts(100, 100)),
            Phase(1, "failed", 10, 20, Counts(100, 50, failed: 50), faults: Outage529),
            Phase(2, "fell-back", 20, 30, Counts(100, 50, fallback: 50), faults: Outage529),
        ]);

        Assert.Equal(0, Component(card, "failed", ScoreComponentNames.Served).Value, 9);
        Assert.Equal(0.5, Component(card, "failed", ScoreComponentNames.AnswerQuality).Value, 9);
        Assert.Equal(0.75, Component(card, "fell-back", ScoreComponentNames.AnswerQuality).Value, 9);
        Assert.True(card.Phases[2].Score > card.Phases[1].Score + 30, $"{card.Phases[2].Score} against {card.Phases[1].Score}");
    }

    [Fact]
    public void A_scenario_can_change_the_fallback_credit_and_the_weights()
    {
        PhaseResult[] phases = [
            Phase(0, "baseline", 0, 10, Counts(100, 100)),
            Phase(1, "outage", 10, 20, Counts(100, 0, fallback: 100), faults: Outage529),
        ];
        var settings = new ScoreSettings
        {
            FallbackCredit = 1,
            Weights = ScoreComponentNames.All.ToDictionary(n => n, n => n == ScoreComponentNames.AnswerQuality ? 1.0 : 0.0),
        };

        var card = DegradationScorer.Score(phases, [], settings);

        Assert.Equal(100, card.Total);
        Assert.Equal(1, Component(card, "outage", ScoreComponentNames.AnswerQuality).Weight, 9);
    }

    [Fact]
    public void Latency_reads_the_served_p95_against_the_baseline_with_slack()
    {
        var card = DegradationScorer.Score([
            Phase(0, "baseline", 0, 10, Counts(100, 100), servedP95: 200),
            Phase(1, "slow", 10, 20, Counts(100, 100), servedP95: 800, faults: Outage529 with { Kind = "latency" }),
            Phase(2, "slack", 20, 30, Counts(100, 100), servedP95: 245, faults: Outage529 with { Kind = "latency" }),
        ]);

        // Tolerated: max(200 × 1.2, 200 + 50) = 250 ms; on a log scale from there to 10 s.
        Assert.Equal(1 - Math.Log(800.0 / 250) / Math.Log(10_000.0 / 250), Component(card, "slow", ScoreComponentNames.Latency).Value, 9);
        Assert.Equal(1, Component(card, "slack", ScoreComponentNames.Latency).Value, 9);
        Assert.Equal(0, DegradationScorer.Score([
            Phase(0, "baseline", 0, 10, Counts(100, 100)),
            Phase(1, "dead", 10, 20, Counts(100, 0, failed: 100), faults: Outage529)]).Phases[1].Component(ScoreComponentNames.Latency)!.Value);
    }

    [Fact]
    public void Latency_against_a_fast_baseline_tells_a_3_second_wait_from_a_30_second_one()
    {
        var card = DegradationScorer.Score([
            Phase(0, "baseline", 0, 10, Counts(100, 100), servedP95: 5),
            Phase(1, "hedged", 10, 20, Counts(100, 100), servedP95: 3_000, faults: Outage529 with { Kind = "latency" }),
            Phase(2, "stalled", 20, 30, Counts(100, 100), servedP95: 30_000, faults: Outage529 with { Kind = "latency" }),
        ]);

        var hedged = Component(card, "hedged", ScoreComponentNames.Latency).Value;
        // Tolerated 55 ms: 3 s is about three quarters of the way to the 10 s limit on a log scale, and 30 s is past it.
        Assert.InRange(hedged, 0.2, 0.3);
        Assert.Equal(0, Component(card, "stalled", ScoreComponentNames.Latency).Value);
    }

    [Fact]
    public void A_baseline_near_the_attention_limit_keeps_latency_credit_up_to_four_times_its_tolerated_p95()
    {
        // Tolerated: 8 s × 1.2 = 9.6 s, so credit ends at 38.4 s, not at 10 s.
        Assert.Equal(1, DegradationScorer.LatencyCredit(9_600, 9_600));
        Assert.Equal(0.5, DegradationScorer.LatencyCredit(19_200, 9_600), 9);
        Assert.Equal(0, DegradationScorer.LatencyCredit(38_400, 9_600));
    }

    [Fact]
    public void For_a_streamed_target_the_time_to_first_byte_counts_half_of_latency()
    {
        static StepStats Streamed(double ttfbP95) => new("load", "request", new StepCounts(100, 0, 0, 0, 0, 0),
            Latency(1_000, 100), Latency(ttfbP95, 100), new Dictionary<string, long>(), new Dictionary<string, long>());
        var baseline = Phase(0, "baseline", 0, 10, Counts(100, 100), servedP95: 1_000) with { Steps = [Streamed(200)] };
        var slowStart = Phase(1, "slow", 10, 20, Counts(100, 100), servedP95: 1_000, faults: Outage529 with { Kind = "stream_slow" }) with { Steps = [Streamed(1_000)] };

        var latency = Component(DegradationScorer.Score([baseline, slowStart]), "slow", ScoreComponentNames.Latency);

        // The whole answer as fast as the baseline's (1); its first byte 1,000 ms against a tolerated 250 ms: two of the
        // log steps from 250 ms to 10 s.
        Assert.Equal((1 + 1 - Math.Log(4) / Math.Log(40)) / 2, latency.Value, 9);
        Assert.Equal((1_000.0, 200.0, 250.0), (latency["ttfb_p95_ms"], latency["baseline_ttfb_p95_ms"], latency["tolerated_ttfb_p95_ms"]));
    }

    [Fact]
    public void Failing_fast_beats_hanging_until_the_timeout()
    {
        var card = DegradationScorer.Score([
            Phase(0, "baseline", 0, 10, Counts(100, 100)),
            Phase(1, "quick", 10, 20, Counts(100, 0, failed: 100), failedP95: 30, faults: Outage529),
            Phase(2, "hung", 20, 30, Counts(100, 0, timeout: 100), failedP95: 20_000, faults: Outage529),
        ]);

        Assert.Equal(1, Component(card, "quick", ScoreComponentNames.FailFast).Value);
        var hung = Component(card, "hung", ScoreComponentNames.FailFast);
        Assert.Equal(0, hung.Value);
        Assert.Equal((100.0, 1000.0), (hung["timeouts"], hung["fast_ms"]));
    }

    [Fact]
    public void Discipline_counts_calls_over_the_budget_early_retries_and_calls_to_a_provider_that_is_down()
    {
        var card = DegradationScorer.Score([
            Phase(0, "baseline", 0, 10, Counts(100, 100)),
            // 400 calls for 100 requests, 40 of them early, all to a provider failing every call.
            Phase(1, "outage", 10, 20, Counts(100, 0, fallback: 100), calls: Calls(400, early: 40, status: "529"), faults: Outage529),
            // The same calls while the provider only rate-limits: not down.
            Phase(2, "limited", 20, 30, Counts(100, 0, fallback: 100), calls: Calls(400, early: 40, status: "429"), faults: Outage529 with { Settings = new Dictionary<string, string> { ["status"] = "429" } }),
        ]);

        var outage = Component(card, "outage", ScoreComponentNames.Discipline);
        // within budget 2 / 4 = 0.5; patient 1 − 40/400 = 0.9; left alone 1 − min(1, 4 / 2) = 0.
        Assert.Equal((0.5 + 0.9 + 0) / 3, outage.Value, 9);
        Assert.Equal((4.0, 2.0, 40.0, 4.0), (outage["calls_per_request"], outage["calls_budget"], outage["early_retries"], outage["hard_down_calls_per_request"]));
        var limited = Component(card, "limited", ScoreComponentNames.Discipline);
        Assert.Equal((0.5 + 0.9 + 1) / 3, limited.Value, 9);
        Assert.Null(limited["hard_down_calls_per_request"]);
    }

    [Fact]
    public void Time_to_detect_runs_from_the_faults_start_to_the_first_fallback_answers()
    {
        PhaseResult[] phases = [
            Phase(0, "baseline", 0, 10, Counts(100, 100)),
            Phase(1, "outage", 10, 30, Counts(200, 0, fallback: 200), faults: Outage529),
        ];
        // Requests scheduled at 10 s and 11 s still got answers; those of 12 s fell back, answered 500 ms later.
        SecondBucket[] seconds = [Second(10, 10), Second(11, 10), Second(12, 0, fallback: 10, p50: 500), Second(13, 0, fallback: 10)];

        var detect = Component(DegradationScorer.Score(phases, seconds, ScoreSettings.Default), "outage", ScoreComponentNames.Detect);

        Assert.Equal(2500, detect["time_to_detect_ms"]!.Value, 6);
        // Full credit within 1 s, none at 20 s (the phase, shorter than 30 s): 1 − 1.5 / 19.
        Assert.Equal(1 - (1.5 / 19), detect.Value, 9);
    }

    [Fact]
    public void A_fault_that_changed_nothing_has_nothing_to_detect_and_one_only_timed_out_was_never_detected()
    {
        var unharmed = DegradationScorer.Score([
            Phase(0, "baseline", 0, 10, Counts(100, 100)),
            Phase(1, "outage", 10, 20, Counts(100, 100), faults: Outage529),
        ], [], ScoreSettings.Default);
        var hung = DegradationScorer.Score([
            Phase(0, "baseline", 0, 10, Counts(100, 100)),
            Phase(1, "outage", 10, 20, Counts(100, 0, timeout: 100), faults: Outage529),
        ], [Second(10, 0), Second(11, 0)], ScoreSettings.Default);

        Assert.Equal((1.0, 0.0), (Component(unharmed, "outage", ScoreComponentNames.Detect).Value, Component(unharmed, "outage", ScoreComponentNames.Detect)["impact"]!.Value));
        var never = Component(hung, "outage", ScoreComponentNames.Detect);
        Assert.Equal(0, never.Value);
        Assert.Null(never["time_to_detect_ms"]);
    }

    [Fact]
    public void Time_to_recover_runs_from_the_faults_end_until_three_seconds_in_a_row_look_like_the_baseline()
    {
        PhaseResult[] phases = [
            Phase(0, "baseline", 0, 10, Counts(100, 100)),
            Phase(1, "outage", 10, 20, Counts(100, 0, fallback: 100), faults: Outage529),
            Phase(2, "recovery", 20, 40, Counts(200, 150, fallback: 50)),
        ];
        // 20–24 s still fall back; 25 s is fine but 26 s is not; from 27 s on, as in the baseline.
        var seconds = Enumerable.Range(20, 20).Select(s => s is < 25 or 26 ? Second(s, 0, fallback: 10) : Second(s, 10)).ToArray();

        var card = DegradationScorer.Score(phases, seconds, ScoreSettings.Default);

        var recover = Component(card, "outage", ScoreComponentNames.Recover);
        Assert.Equal(7000, recover["time_to_recover_ms"]);
        // Full credit within 2 s, none at 20 s (the recovery phase's length): 1 − 5 / 18.
        Assert.Equal(1 - (5.0 / 18), recover.Value, 9);
        // The recovery phase has no fault: the run's score is the outage's, which carries the recovery.
        Assert.Equal([0, 1, 0], card.Phases.Select(p => p.Weight));
    }

    [Fact]
    public void An_app_that_never_came_back_gets_nothing_for_recovery()
    {
        PhaseResult[] phases = [
            Phase(0, "baseline", 0, 10, Counts(100, 100)),
            Phase(1, "outage", 10, 20, Counts(100, 0, failed: 100), faults: Outage529),
            Phase(2, "recovery", 20, 30, Counts(100, 0, failed: 100)),
        ];
        var seconds = Enumerable.Range(20, 10).Select(s => Second(s, 0, failed: 10)).ToArray();

        var recover = Component(DegradationScorer.Score(phases, seconds, ScoreSettings.Default), "outage", ScoreComponentNames.Recover);

        Assert.Equal(0, recover.Value);
        Assert.Null(recover["time_to_recover_ms"]);
    }

    [Fact]
    public void Waste_is_the_share_of_billed_tokens_thrown_away()
    {
        var card = DegradationScorer.Score([
            Phase(0, "baseline", 0, 10, Counts(100, 100)),
            Phase(1, "cuts", 10, 20, Counts(100, 100), calls: Calls(100, billed: 10_000, wasted: 2_500), faults: Outage529 with { Kind = "stream_cut" }),
        ]);

        Assert.Equal(0.75, Component(card, "cuts", ScoreComponentNames.Waste).Value, 9);
    }

    [Fact]
    public void Only_the_phases_with_faults_count_so_a_long_healthy_tail_does_not_dilute_an_outage()
    {
        PhaseResult[] Timeline(double tail) => [
            Phase(0, "baseline", 0, 10, Counts(100, 100)),
            Phase(1, "outage", 10, 20, Counts(100, 0, failed: 100), faults: Outage529),
            Phase(2, "tail", 20, 20 + tail, Counts((long)tail * 10, (long)tail * 10)),
        ];

        var shortTail = DegradationScorer.Score(Timeline(10));
        var longTail = DegradationScorer.Score(Timeline(600));

        Assert.Equal(shortTail.Total, longTail.Total);
        Assert.True(longTail.Total < 50, $"an outage that served nobody scored {longTail.Total}");
    }

    [Fact]
    public void A_timeline_without_faults_scores_every_phase_after_the_baseline_by_duration()
    {
        var card = DegradationScorer.Score([
            Phase(0, "baseline", 0, 10, Counts(100, 100)),
            Phase(1, "peak", 10, 40, Counts(300, 150, failed: 150)),
            Phase(2, "calm", 40, 50, Counts(100, 100)),
        ]);

        Assert.Equal([0, 0.75, 0.25], card.Phases.Select(p => p.Weight));
        // Each phase's score is rounded to a tenth before the total is: they agree within that.
        Assert.Equal(card.Total, 100 - card.Components.Sum(c => c.PointsLost), 0.1);
    }

    [Fact]
    public void The_runs_components_add_up_to_what_it_lost_and_name_the_phase_that_lost_most()
    {
        var card = DegradationScorer.Score([
            Phase(0, "baseline", 0, 10, Counts(100, 100)),
            Phase(1, "first", 10, 20, Counts(100, 80, failed: 20), faults: Outage529),
            Phase(2, "second", 20, 40, Counts(200, 0, failed: 200), faults: Outage529),
        ]);

        Assert.Equal(card.Total, Math.Round(100 - card.Components.Sum(c => c.PointsLost), 1), 1);
        Assert.Equal("second", card.Components.Single(c => c.Name == ScoreComponentNames.Served).Phase);
    }

    [Fact]
    public void A_phase_without_requests_scores_zero_and_says_nothing_was_scheduled()
    {
        var card = DegradationScorer.Score([
            Phase(0, "baseline", 0, 10, Counts(100, 100)),
            Phase(1, "quiet", 10, 20, Counts(0, 0), faults: Outage529),
        ]);

        var quiet = card.Phases[1];
        Assert.Equal(0, quiet.Score);
        Assert.All(quiet.Components, c => Assert.Equal(0.0, c["scheduled"]));
    }

    [Theory]
    [InlineData(95, "A")]
    [InlineData(80, "B")]
    [InlineData(79.9, "C")]
    [InlineData(60, "D")]
    [InlineData(12, "F")]
    public void The_grade_follows_the_score(double total, string grade) => Assert.Equal(grade, ScoreCard.GradeOf(total));
}
