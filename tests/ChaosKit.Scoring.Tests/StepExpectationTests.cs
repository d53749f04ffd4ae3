using ChaosKit.Core.Expectations;
using ChaosKit.Core.Results;
using ChaosKit.Core.Scenarios;
using ChaosKit.Scoring.Expectations;

namespace ChaosKit.Scoring.Tests;

/// <summary>Expectations on any percentile and on workflow steps, evaluated against a run.</summary>
public class StepExpectationTests
{
    // 1..1000 ms, one value each: the spectrum answers any percentile.
    private static readonly PercentileSpectrum OneToThousand = new(
        [.. Enumerable.Range(1, 1000).Select(i => (double)i)], [.. Enumerable.Range(1, 1000).Select(i => (long)i)]);

    private static readonly LatencySummary Spread = new(1000, 1, 500.5, 500, 900, 950, 990, 999, 1000) { P75Ms = 750, Spectrum = OneToThousand };

    // The runs that passed take the spread; step latency expectations read them.
    private static StepStats Step(string name, StepCounts counts) => new(
        "flow", name, counts, counts.Ran == 0 ? LatencySummary.Empty : Spread, LatencySummary.Empty,
        new Dictionary<string, long>(), new Dictionary<string, long>())
    {
        ServedLatency = counts.Ok + counts.Fallback == 0 ? LatencySummary.Empty : Spread,
    };

    private static RunResult Run()
    {
        var stats = new PhaseStats(new OutcomeCounts(10, 10, 0, 0, 0, 0, 0), Spread, LatencySummary.Empty, LatencySummary.Empty, 1, new Dictionary<string, long>())
        {
            ServedLatency = Spread, // every request was served
        };
        PhaseResult Phase(int i, string name, params StepStats[] steps) =>
            new(i, name, i * 10, (i + 1) * 10, [], stats, ProviderCallStats.None) { Steps = steps };
        var phases = new[]
        {
            Phase(0, "baseline", Step("ask", new StepCounts(10, 0, 0, 0, 0, 0)), Step("history", new StepCounts(10, 0, 0, 0, 0, 0))),
            Phase(1, "outage", Step("ask", new StepCounts(6, 0, 3, 1, 0, 0)), Step("history", new StepCounts(0, 0, 0, 0, 0, 4))),
        };
        return new RunResult
        {
            Scenario = new ScenarioInfo("demo", null, 1, null),
            StartedAt = DateTimeOffset.UnixEpoch,
            Duration = TimeSpan.FromSeconds(20),
            TimeScale = 1,
            Target = new TargetInfo("http://127.0.0.1:1", true),
            Providers = [],
            Load = new LoadInfo(1, 10, 1000, "POST", "/api/ask"),
            Phases = phases,
            Overall = stats,
            Seconds = [],
            Score = DegradationScorer.Score(phases),
            Expectations = [],
            Steps = [Step("ask", new StepCounts(16, 0, 3, 1, 0, 0)), Step("history", new StepCounts(10, 0, 0, 0, 0, 4))],
        };
    }

    private static ExpectationResult Check(string text) =>
        ExpectationEvaluator.Evaluate(
            [ExpectationParser.Parse(text, ["baseline", "outage"], [("flow", "ask"), ("flow", "history")], "expect[0]", SourceLocation.None)],
            Run())[0];

    [Theory]
    [InlineData("p99.9 < 1s", true, 999)]
    [InlineData("p99.5 < 995", false, 995)]
    [InlineData("outage.p75 <= 750", true, 750)]
    [InlineData("p12.5 == 125", true, 125)]
    [InlineData("step.ask.failed_rate < 25%", true, 0.2)]
    [InlineData("outage.step.ask.failed_rate < 25%", false, 0.4)]
    [InlineData("step.flow.history.skipped == 4", true, 4)]
    [InlineData("step.ask.p99.9 < 1s", true, 999)]
    [InlineData("baseline.step.history.ok_rate >= 100%", true, 1)]
    public void Any_percentile_and_step_metrics_read_the_right_span(string text, bool passed, double actual)
    {
        var result = Check(text);

        Assert.Equal(passed, result.Passed);
        Assert.Equal(actual, result.Actual!.Value, 6);
    }

    [Fact]
    public void A_step_that_never_ran_in_a_phase_fails_its_expectation_for_lack_of_data()
    {
        var result = Check("outage.step.history.p95 < 1s");

        Assert.False(result.Passed);
        Assert.Null(result.Actual);
    }

    [Fact]
    public void A_step_whose_runs_all_failed_has_no_latency_to_pass_a_latency_expectation()
    {
        // Every run of 'ask' failed at once: fast, but nothing was served. Its latency over all runs would pass.
        var failing = new StepStats("flow", "ask", new StepCounts(0, 0, 20, 0, 0, 0), Spread, LatencySummary.Empty,
            new Dictionary<string, long>(), new Dictionary<string, long> { ["status 2xx"] = 20 })
        {
            FailedLatency = Spread,
        };
        var run = Run() with { Steps = [failing] };

        var result = ExpectationEvaluator.Evaluate(
            [ExpectationParser.Parse("step.ask.p95 < 2s", ["baseline", "outage"], [("flow", "ask")], "expect[0]", SourceLocation.None)], run)[0];

        Assert.False(result.Passed);
        Assert.Null(result.Actual);
        Assert.Contains("no run of the step passed", result.Detail);
    }
}
