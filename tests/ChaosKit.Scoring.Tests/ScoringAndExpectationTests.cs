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
    [InlineData("outage.component.served < 0.1", true, "0%")] // half the users turned away earns nothing
    [InlineData("component.served >= 60%", false, "0%")]
    [InlineData("outage.waste.tokens < 5000", true, "1200")]
    [InlineData("waste.tokens <= 1000", false, "1200")]
    [InlineData("early_retries == 7", true, "7")]
    [InlineData("time_to_detect < 3s", false, "never")]
    public void Score_components_and_the_new_metrics_can_be_expected(string text, bool passes, string display)
    {
        var outage = Phase(1, "outage", 10, 20, Counts(100, 50, failed: 0) with { Timeout = 50, Dropped = 0 }, 800, calls: 300);
        outage = outage with
        {
            Faults = [new FaultInfo("error", null, 1, new Dictionary<string, string>())],
            ProviderCalls = outage.ProviderCalls with { EarlyRetries = 7, TokensBilled = 9000, TokensWasted = 1200 },
        };
        var run = Run(Phase(0, "baseline", 0, 10, Counts(100, 100), 200), outage);

        var result = Assert.Single(ExpectationEvaluator.Evaluate([Parse(text)], run));

        Assert.Equal((passes, display), (result.Passed, result.Display));
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
