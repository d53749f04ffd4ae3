using ChaosKit.Core.Expectations;
using ChaosKit.Core.Scenarios;

namespace ChaosKit.Core.Tests;

/// <summary><c>failed.</c> before a latency metric reads the failed requests' latency; every other metric reads as before.</summary>
public sealed class ExpectationParserTests
{
    private static ExpectationSpec Parse(string text, params string[] phases) =>
        ExpectationParser.Parse(text, phases.Length == 0 ? ["baseline", "outage"] : phases, [("flow", "failed")], "expect[0]", SourceLocation.None);

    [Theory]
    [InlineData("failed.p95 < 1s", null, "failed.p95", 1000)]
    [InlineData("outage.failed.p95 < 500ms", "outage", "failed.p95", 500)]
    [InlineData("outage.failed.p99.9 < 2s", "outage", "failed.p99.9", 2000)]
    [InlineData("failed.max <= 30s", null, "failed.max", 30_000)]
    [InlineData("outage.p95 < 2s", "outage", "p95", 2000)]
    public void Failed_before_a_latency_metric_names_the_failed_requests_latency(string text, string? phase, string metric, double threshold)
    {
        var spec = Parse(text);

        Assert.Equal((phase, metric, threshold, (string?)null), (spec.Phase, spec.Metric, spec.Threshold, spec.Step));
    }

    [Fact]
    public void A_failed_metric_reads_the_failed_requests_and_a_plain_one_the_served()
    {
        var failed = ExpectationMetrics.Find("failed.p99.9")!;
        var served = ExpectationMetrics.Find("p99.9")!;

        Assert.Equal((true, 99.9, ExpectationMetrics.Unit.Milliseconds), (failed.OfFailed, failed.Percentile, failed.Unit));
        Assert.Contains("failed requests", failed.Description);
        Assert.False(served.OfFailed);
        Assert.Contains("served requests", served.Description);
        Assert.True(ExpectationMetrics.Find("failed.max")!.OfFailed);
        Assert.Null(ExpectationMetrics.Find("failed.availability"));
        Assert.Null(ExpectationMetrics.Find("failed.failed.p95"));
    }

    [Fact]
    public void Failed_before_a_metric_that_is_no_latency_is_a_phase_name()
    {
        var error = Assert.Throws<ScenarioException>(() => Parse("failed.availability >= 95%"));

        Assert.Contains("no phase named 'failed'", error.Problem);
        Assert.Equal("failed", Parse("failed.availability >= 95%", "baseline", "failed").Phase);
    }

    [Fact]
    public void A_phase_named_failed_makes_failed_p95_ambiguous_and_says_how_to_write_each()
    {
        var error = Assert.Throws<ScenarioException>(() => Parse("failed.p95 < 1s", "baseline", "failed"));

        Assert.Contains("a phase is named 'failed' too", error.Problem);
        Assert.Contains("'failed.failed.p95'", error.Problem);
        var phase = Parse("failed.failed.p95 < 1s", "baseline", "failed");
        Assert.Equal(("failed", "failed.p95"), (phase.Phase, phase.Metric));
    }

    [Fact]
    public void A_step_named_failed_is_still_a_step()
    {
        var spec = Parse("step.flow.failed.p95 < 1s");

        Assert.Equal(("flow", "failed", "p95"), (spec.StepWorkflow, spec.Step, spec.Metric));
    }
}
