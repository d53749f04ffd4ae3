using ChaosKit.Core.Scenarios;
using ChaosKit.Runner.Compare;

namespace ChaosKit.Cli.Tests;

/// <summary>The <c>--fail-on</c> grammar: what it reads, what it refuses and why, and when a rule holds.</summary>
public sealed class FailOnRuleTests
{
    private static readonly string[] Phases = ["baseline", "outage", "recovery"];
    private static readonly (string, string)[] Steps = [("ask-and-read", "ask"), ("ask-and-read", "history")];
    private static readonly string[] Components = [.. ChaosKit.Core.Results.ScoreComponentNames.All];

    private static FailOnRule Parse(string text) => FailOnRule.Parse(text, Phases, Steps, Components);

    [Theory]
    [InlineData("score < -5", null, "score", ComparisonOperator.LessThan, -5, false)]
    [InlineData("outage.p95 > +20%", "outage", "p95", ComparisonOperator.GreaterThan, 0.2, true)]
    [InlineData("outage.p95 >= +200ms", "outage", "p95", ComparisonOperator.GreaterOrEqual, 200, false)]
    [InlineData("p99.9 > +1.5s", null, "p99.9", ComparisonOperator.GreaterThan, 1500, false)]
    [InlineData("p95>+200", null, "p95", ComparisonOperator.GreaterThan, 200, false)]
    [InlineData("availability < -2pp", null, "availability", ComparisonOperator.LessThan, -0.02, false)]
    [InlineData("outage.availability <= -0.02", "outage", "availability", ComparisonOperator.LessOrEqual, -0.02, false)]
    [InlineData("outage.availability < -5%", "outage", "availability", ComparisonOperator.LessThan, -0.05, true)]
    [InlineData("outage.failed.p95 > +100ms", "outage", "failed.p95", ComparisonOperator.GreaterThan, 100, false)]
    [InlineData("outage.provider_calls_per_request > +0.5", "outage", "provider_calls_per_request", ComparisonOperator.GreaterThan, 0.5, false)]
    [InlineData("component.latency < -0.1", null, "component.latency", ComparisonOperator.LessThan, -0.1, false)]
    [InlineData("outage.component.served < -5pp", "outage", "component.served", ComparisonOperator.LessThan, -0.05, false)]
    [InlineData("step.ask.p95 > +10%", null, "p95", ComparisonOperator.GreaterThan, 0.1, true)]
    [InlineData("score < -0", null, "score", ComparisonOperator.LessThan, 0, false)]
    public void Reads_a_metric_an_operator_and_a_signed_change(string text, string? phase, string metric, ComparisonOperator op, double limit, bool relative)
    {
        var rule = Parse(text);

        Assert.Equal((phase, metric, op, relative), (rule.Spec.Phase, rule.Spec.Metric, rule.Operator, rule.Relative));
        Assert.Equal(limit, rule.Limit, 9);
        Assert.Equal(text, rule.Text);
    }

    [Fact]
    public void A_step_metric_names_its_step()
    {
        var rule = Parse("outage.step.history.failed_rate > +1pp");

        Assert.Equal(("outage", "ask-and-read", "history", "failed_rate", 0.01), (rule.Spec.Phase, rule.Spec.StepWorkflow, rule.Spec.Step, rule.Spec.Metric, rule.Limit));
    }

    [Theory]
    [InlineData("score < 5", "--fail-on 'score < 5': '5' is not a change; give it a sign, e.g. '-5' for a drop or '+5' for a rise")]
    [InlineData("score == -5", "--fail-on 'score == -5': '==' does not compare a change; use <, <=, > or >=")]
    [InlineData("score dropped", "--fail-on 'score dropped': write METRIC OP CHANGE, e.g. 'score < -5' (the score dropped by more than 5 points) or 'outage.p95 > +20%'")]
    [InlineData("scre < -5", "--fail-on 'scre < -5': unknown metric 'scre'; did you mean 'score'?")]
    [InlineData("outgae.p95 > +20%", "--fail-on 'outgae.p95 > +20%': no phase named 'outgae'; did you mean 'outage'?")]
    [InlineData("component.latncy < -0.1", "--fail-on 'component.latncy < -0.1': no score component 'latncy'; did you mean 'latency'?")]
    [InlineData("component.cost < -0.1", "--fail-on 'component.cost < -0.1': no score component 'cost'; the runs' components are: served, answer_quality, latency, fail_fast, discipline, detect, recover, waste")]
    [InlineData("p95 > +2pp", "--fail-on 'p95 > +2pp': '+2pp' is not a change of a latency: milliseconds or a duration, e.g. +200ms or +1.5s, or a share of the base value, e.g. +20%")]
    [InlineData("availability < -150pp", "--fail-on 'availability < -150pp': '-150pp' is not a change of a share: percentage points, e.g. -2pp, a ratio, e.g. -0.02, or a share of the base value, e.g. -5%")]
    [InlineData("score < -x%", "--fail-on 'score < -x%': '-x%' is not a share of the base value; write it as e.g. '+20%'")]
    [InlineData("step.nope.p95 > +10%", "--fail-on 'step.nope.p95 > +10%': no workflow step named 'nope'; steps are: ask, history")]
    public void A_rule_it_cannot_read_names_itself_and_the_cause(string text, string message)
    {
        var e = Assert.Throws<FailOnException>(() => Parse(text));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void An_unknown_metric_without_a_near_miss_lists_components_too()
    {
        var e = Assert.Throws<FailOnException>(() => Parse("nothing_like_it < -5"));

        Assert.EndsWith(", or component.<name> for a score component's value", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("score < -5", 0.90, 0.70, true)] // the score falls by more than 5 points
    [InlineData("score < -5", 0.90, 0.89, false)]
    [InlineData("score > +5", 0.70, 0.90, true)]
    [InlineData("outage.availability < -2pp", 0.95, 0.90, true)]
    [InlineData("outage.availability < -2pp", 0.95, 0.94, false)]
    [InlineData("outage.availability < -10%", 0.95, 0.80, true)] // a share of the base value: -15.8 %
    [InlineData("outage.availability <= -0.05", 0.95, 0.90, true)] // exactly the limit, after rounding
    [InlineData("outage.p95 > +20%", 0.95, 0.95, false)]
    [InlineData("component.served < -0.05", 0.95, 0.80, true)]
    [InlineData("outage.component.served < -0.05", 0.95, 0.94, false)]
    public void Holds_when_the_change_is_as_the_rule_says(string text, double baseAvailability, double newAvailability, bool holds)
    {
        var check = Parse(text).Evaluate(SyntheticRuns.Run(baseAvailability), SyntheticRuns.Run(newAvailability));

        Assert.Equal(holds, check.Holds);
        Assert.Equal(text, check.Text);
    }

    [Fact]
    public void A_latency_rule_reads_the_served_requests_as_expectations_do()
    {
        var check = Parse("outage.p95 > +20%").Evaluate(SyntheticRuns.Run(outageP95: 800), SyntheticRuns.Run(outageP95: 1000));

        Assert.Equal((800.0, 1000.0, 0.25), (check.Base!.Value, check.New!.Value, check.Change!.Value));
        Assert.True(check.Holds);
    }

    [Fact]
    public void Data_in_one_run_only_holds_and_in_neither_does_not()
    {
        // Nothing was served in the new run's outage: its p95 vanished, which no limit calls within bounds.
        var vanished = Parse("outage.p95 > +20%").Evaluate(SyntheticRuns.Run(), SyntheticRuns.Run(outageAvailability: 0));
        // Neither run failed a request: there is no failed latency to compare.
        var neither = Parse("outage.failed.p95 > +20%").Evaluate(SyntheticRuns.Run(outageAvailability: 1), SyntheticRuns.Run(outageAvailability: 1));

        Assert.True(vanished.Holds);
        Assert.Null(vanished.New);
        Assert.Equal("no request was served in phase 'outage'", vanished.NoDataReason);
        Assert.False(neither.Holds);
    }
}
