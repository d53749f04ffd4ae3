using ChaosKit.Core.Expectations;
using ChaosKit.Core.Results;
using ChaosKit.Core.Scenarios;
using ChaosKit.Scoring.Expectations;

namespace ChaosKit.Scoring.Tests;

public class ScoringAndExpectationTests
{
    // The served requests take p95, the failed ones failedP95; the score reads the latency over both.
    private static PhaseResult Phase(int index, string name, double start, double end, OutcomeCounts outcomes, double p95, long calls = 0, double failedP95 = 5) =>
        new(index, name, start, end, [],
            new PhaseStats(outcomes, Latency(p95, outcomes.Scheduled - outcomes.Dropped), LatencySummary.Empty, LatencySummary.Empty,
                (outcomes.Scheduled - outcomes.Dropped) / Math.Max(end - start, 1), new Dictionary<string, long>())
            {
                ServedLatency = Latency(p95, outcomes.Served),
                FailedLatency = Latency(failedP95, outcomes.Scheduled - outcomes.Dropped - outcomes.Served),
            },
            new ProviderCallStats(calls, new Dictionary<string, long>(), 0, 0));

    private static LatencySummary Latency(double p95, long count) =>
        count == 0 ? LatencySummary.Empty : new(count, p95 / 4, p95 / 2, p95 / 2, p95 * 0.9, p95, p95 * 1.2, p95 * 1.3, p95 * 1.5);

    private static OutcomeCounts Counts(long scheduled, long ok, long fallback = 0, long failed = 0) =>
        new(scheduled, ok, fallback, failed, 0, 0, scheduled - ok - fallback - failed);

    [Fact]
    public void A_run_as_good_as_its_baseline_scores_100()
    {
        var card = DegradationScorer.Score([
            Phase(0, "baseline", 0, 10, Counts(100, 100), 200),
            Phase(1, "outage", 10, 30, Counts(200, 200), 190),
        ]);

        Assert.Equal(100, card.Total);
        Assert.Equal("baseline", card.Baseline);
    }

    [Fact]
    public void Availability_and_latency_losses_lower_the_score_by_their_weights()
    {
        var card = DegradationScorer.Score([
            Phase(0, "baseline", 0, 10, Counts(100, 100), 200),
            Phase(1, "outage", 10, 20, Counts(100, 50, failed: 50), 800),
        ]);

        // 70 × 0.5 + 30 × (250 / 800): the baseline's 200 ms p95 plus its 50 ms slack, against 800 ms.
        Assert.Equal(Math.Round(35 + (30 * 250.0 / 800), 1), card.Total);
        var latency = card.Phases[1].Component(ScoreComponentNames.Latency)!;
        Assert.Equal((800.0, 200.0, 250.0), (latency["p95_ms"], latency["baseline_p95_ms"], latency["tolerated_p95_ms"]));
    }

    [Fact]
    public void Each_phase_score_is_its_components_each_with_its_weight_points_lost_and_numbers()
    {
        var card = DegradationScorer.Score([
            Phase(0, "baseline", 0, 10, Counts(100, 100), 200),
            Phase(1, "outage", 10, 20, Counts(100, 30, fallback: 20, failed: 50), 800),
        ]);

        Assert.Equal(new ScoreMethod("degradation", 1), card.Method);
        var outage = card.Phases[1];
        Assert.Equal(["availability", "latency"], outage.Components.Select(c => c.Name));
        var (availability, latency) = (outage.Components[0], outage.Components[1]);
        Assert.Equal((0.5, 0.7), (availability.Value, availability.Weight));
        Assert.Equal(35, availability.PointsLost, 9);
        Assert.Equal(250.0 / 800, latency.Value, 9);
        Assert.Equal(0.3, latency.Weight, 9);
        Assert.Equal(30 * (1 - (250.0 / 800)), latency.PointsLost, 9);
        Assert.Equal(outage.Score, Math.Round(100 - availability.PointsLost - latency.PointsLost, 1));
        Assert.Equal((0.5, 1.0, 0.2, 100.0), (availability["availability"], availability["baseline_availability"], availability["fallback_share"], availability["scheduled"]));
        Assert.Equal(100.0, latency["completed"]);
    }

    [Fact]
    public void The_runs_components_weight_the_phases_as_the_total_does_and_the_baseline_counts_for_nothing()
    {
        var card = DegradationScorer.Score([
            Phase(0, "baseline", 0, 10, Counts(100, 100), 200),
            Phase(1, "outage", 10, 40, Counts(300, 0, failed: 300), 200),
            Phase(2, "recovery", 40, 50, Counts(100, 100), 200),
        ]);

        Assert.Equal([0, 0.75, 0.25], card.Phases.Select(p => p.Weight));
        var availability = card.Components.Single(c => c.Name == ScoreComponentNames.Availability);
        Assert.Equal((0.25, 0.7), (availability.Value, availability.Weight));
        Assert.Equal(52.5, availability.PointsLost, 9);
        Assert.Equal(card.Total, Math.Round(100 - card.Components.Sum(c => c.PointsLost), 1));
    }

    [Fact]
    public void A_phase_without_requests_scores_zero_and_says_nothing_was_scheduled()
    {
        var card = DegradationScorer.Score([
            Phase(0, "baseline", 0, 10, Counts(100, 100), 200),
            Phase(1, "quiet", 10, 20, Counts(0, 0), 0),
        ]);

        var quiet = card.Phases[1];
        Assert.Equal(0, quiet.Score);
        Assert.Equal(0.0, quiet.Component(ScoreComponentNames.Availability)!["scheduled"]);
        Assert.Equal(70, quiet.Components[0].PointsLost, 9);
        Assert.Equal(30, quiet.Components[1].PointsLost, 9);
    }

    [Fact]
    public void Latency_within_the_slack_of_the_baseline_costs_nothing()
    {
        var card = DegradationScorer.Score([
            Phase(0, "baseline", 0, 10, Counts(100, 100), 20),
            Phase(1, "recovery", 10, 20, Counts(100, 100), 65),
        ]);

        Assert.Equal(100, card.Total);
    }

    [Fact]
    public void The_total_weights_phases_by_duration_and_skips_the_baseline()
    {
        var card = DegradationScorer.Score([
            Phase(0, "baseline", 0, 10, Counts(100, 50, failed: 50), 200),
            Phase(1, "outage", 10, 40, Counts(300, 0, failed: 300), 200),
            Phase(2, "recovery", 40, 50, Counts(100, 50, failed: 50), 200),
        ]);

        // outage: 0 availability + full latency = 30; recovery: as the baseline = 100; weights 30 s and 10 s.
        Assert.Equal(Math.Round(((30 * 30) + (100 * 10)) / 40.0, 1), card.Total);
    }

    [Fact]
    public void A_phase_where_nothing_completed_scores_zero_latency()
    {
        var card = DegradationScorer.Score([
            Phase(0, "baseline", 0, 10, Counts(100, 100), 200),
            Phase(1, "dead", 10, 20, Counts(100, 0), 0),
        ]);

        Assert.Equal(0, card.Total);
    }

    private static RunResult Run(params PhaseResult[] phases) => new()
    {
        Scenario = new ScenarioInfo("demo", null, 1, null),
        StartedAt = DateTimeOffset.UnixEpoch,
        Duration = TimeSpan.FromSeconds(phases[^1].EndSeconds),
        TimeScale = 1,
        Target = new TargetInfo("http://127.0.0.1:1", true),
        Providers = [],
        Load = new LoadInfo(10, 10, 1000, "POST", "/api/ask"),
        Phases = phases,
        Overall = phases[0].Stats with { Outcomes = phases.Aggregate(OutcomeCounts.Zero, (sum, p) => sum + p.Stats.Outcomes) },
        Seconds = [],
        Score = DegradationScorer.Score(phases),
        Expectations = [],
    };

    private static ExpectationSpec Parse(string text) =>
        ExpectationParser.Parse(text, ["baseline", "outage"], "expect[0]", SourceLocation.None);

    [Theory]
    [InlineData("score >= 40", true)]
    [InlineData("score >= 90", false)]
    [InlineData("outage.availability >= 50%", true)]
    [InlineData("outage.availability > 0.5", false)]
    [InlineData("baseline.p95 < 1s", true)]
    [InlineData("outage.p95 <= 500", false)]
    [InlineData("availability >= 0.75", true)]
    [InlineData("outage.provider_calls_per_request == 3", true)]
    [InlineData("outage.error_rate < 10%", false)]
    public void Expectations_compare_the_measured_value(string text, bool passes)
    {
        var run = Run(
            Phase(0, "baseline", 0, 10, Counts(100, 100), 200, calls: 100),
            Phase(1, "outage", 10, 20, Counts(100, 50, failed: 50), 800, calls: 300));

        var result = Assert.Single(ExpectationEvaluator.Evaluate([Parse(text)], run));

        Assert.Equal(passes, result.Passed);
        Assert.NotNull(result.Actual);
        Assert.Contains(result.Display!, result.Detail);
    }

    [Theory]
    [InlineData("outage.availability >= 50%", "50%")]
    [InlineData("baseline.p95 < 1s", "200 ms")]
    public void The_measured_value_is_shown_in_the_metric_unit(string text, string display)
    {
        var run = Run(
            Phase(0, "baseline", 0, 10, Counts(100, 100), 200),
            Phase(1, "outage", 10, 20, Counts(100, 50, failed: 50), 800));

        Assert.Equal(display, Assert.Single(ExpectationEvaluator.Evaluate([Parse(text)], run)).Display);
    }

    [Theory]
    [InlineData(1620, "1,620 ms")]
    [InlineData(958.94, "958.9 ms")]
    [InlineData(12345.67, "12,345.7 ms")]
    public void Milliseconds_are_grouped_as_in_the_tables(double value, string shown) =>
        Assert.Equal(shown, ExpectationEvaluator.Format(ExpectationMetrics.Unit.Milliseconds, value));

    [Fact]
    public void A_metric_without_data_fails_instead_of_passing_silently()
    {
        var run = Run(
            Phase(0, "baseline", 0, 10, Counts(100, 100), 200),
            Phase(1, "outage", 10, 20, Counts(100, 0), 0));

        var result = Assert.Single(ExpectationEvaluator.Evaluate([Parse("outage.p95 < 1s")], run));

        Assert.False(result.Passed);
        Assert.Null(result.Actual);
        Assert.Contains("no data", result.Detail);
    }

    [Theory]
    [InlineData("pause.availability >= 95%")]
    [InlineData("pause.error_rate < 5%")]
    [InlineData("pause.fallback_rate < 100%")]
    [InlineData("pause.dropped == 0")]
    [InlineData("pause.throughput >= 0")]
    [InlineData("pause.score >= 0")]
    [InlineData("pause.p95 < 2s")]
    public void Every_metric_of_a_phase_with_nothing_scheduled_has_no_data_and_fails(string text)
    {
        // A pause simulation (or a run cancelled before the phase) schedules nothing: there is no availability of 100%.
        var run = Run(
            Phase(0, "baseline", 0, 10, Counts(100, 100), 200),
            Phase(1, "pause", 10, 20, Counts(0, 0), 0));

        var spec = ExpectationParser.Parse(text, ["baseline", "pause"], "expect[0]", SourceLocation.None);
        var result = Assert.Single(ExpectationEvaluator.Evaluate([spec], run));

        Assert.False(result.Passed, result.Detail);
        Assert.Null(result.Actual);
        Assert.Equal("no data", result.Display);
        Assert.Equal("failed: no data (nothing was scheduled in phase 'pause')", result.Detail);
        Assert.Null(run.Phases[1].Stats.Outcomes.Availability);
    }

    [Fact]
    public void A_baseline_with_nothing_scheduled_leaves_the_phases_scored_absolutely_and_names_no_baseline_availability()
    {
        var card = DegradationScorer.Score([
            Phase(0, "baseline", 0, 10, Counts(0, 0), 0),
            Phase(1, "outage", 10, 20, Counts(100, 50, failed: 50), 800),
        ]);

        var availability = card.Phases[1].Component(ScoreComponentNames.Availability)!;
        Assert.Equal(0.5, availability.Value);
        Assert.Null(availability["baseline_availability"]);
    }

    [Theory]
    [InlineData("dead.p95 < 2s", false, null)]
    [InlineData("dead.max < 2s", false, null)]
    [InlineData("dead.failed.p95 < 2s", true, 3.0)]
    [InlineData("baseline.failed.p95 < 2s", false, null)]
    [InlineData("baseline.p95 < 2s", true, 200.0)]
    public void Latency_expectations_read_the_served_requests_and_failed_ones_their_own(string text, bool passes, double? actual)
    {
        // A dead target refuses every connection at once: 3 ms failures, and nothing served. Its p95 is no data, not fast.
        var run = Run(
            Phase(0, "baseline", 0, 10, Counts(100, 100), 200),
            Phase(1, "dead", 10, 20, new OutcomeCounts(100, 0, 0, 0, 0, 100, 0), 3, failedP95: 3));

        var spec = ExpectationParser.Parse(text, ["baseline", "dead"], "expect[0]", SourceLocation.None);
        var result = Assert.Single(ExpectationEvaluator.Evaluate([spec], run));

        Assert.Equal((passes, actual), (result.Passed, result.Actual));
        if (actual is null) Assert.StartsWith("failed: no data (no request ", result.Detail);
    }

    [Fact]
    public void The_no_data_detail_says_which_requests_were_missing()
    {
        var run = Run(
            Phase(0, "baseline", 0, 10, Counts(100, 100), 200),
            Phase(1, "dead", 10, 20, new OutcomeCounts(100, 0, 0, 0, 0, 100, 0), 3, failedP95: 3));
        ExpectationResult Check(string text) =>
            ExpectationEvaluator.Evaluate([ExpectationParser.Parse(text, ["baseline", "dead"], "expect[0]", SourceLocation.None)], run)[0];

        Assert.Equal("failed: no data (no request was served in phase 'dead')", Check("dead.p95 < 2s").Detail);
        Assert.Equal("failed: no data (no request failed, timed out or errored in phase 'baseline')", Check("baseline.failed.p95 < 2s").Detail);
    }

    [Theory]
    [InlineData("score", "not an expectation")]
    [InlineData("score >= high", "not a valid value for score")]
    [InlineData("availability >= 1.5", "ratio from 0 to 1")]
    [InlineData("p95 < fast", "milliseconds or a duration")]
    [InlineData("latency < 1s", "unknown metric 'latency'")]
    public void Malformed_expectations_explain_the_expected_form(string text, string problem)
    {
        var error = Assert.Throws<ScenarioException>(() => Parse(text));
        Assert.Contains(problem, error.Problem);
    }
}
