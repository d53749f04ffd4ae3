using System.Text.Json;
using System.Xml.Linq;
using ChaosKit.Core.Results;
using ChaosKit.Core.Timeline;
using ChaosKit.Reports.Html;
using ChaosKit.Reports.JUnit;
using ChaosKit.Reports.Json;
using ChaosKit.Reports.Markdown;
using ChaosKit.Reports.Tests.Fixtures;
using ChaosKit.Reports.Words;

namespace ChaosKit.Reports.Tests;

/// <summary>How a run ended is data in result.json and said in every report; a run that stopped early never passes.</summary>
public sealed class CompletionTests
{
    private const string DiedWords =
        "The target died in phase 'outage', 31.2 s into the 60.0 s timeline: " + RunResults.DeathCause +
        ". The load was stopped; the results measured until then are scored and written, and what it did not reach has no data.";

    [Fact]
    public void Each_status_is_worded_with_its_phase_and_time()
    {
        var timeline = new RunTimeline([
            new Core.Scenarios.PhaseSpec("baseline", TimeSpan.FromSeconds(2), [], Core.Scenarios.SourceLocation.None),
            new Core.Scenarios.PhaseSpec("outage", TimeSpan.FromSeconds(4), [], Core.Scenarios.SourceLocation.None),
        ]);

        Assert.Equal("The run completed: the whole timeline ran.", CompletionWords.Of(RunCompletion.Complete));
        Assert.Equal(DiedWords, CompletionWords.Of(RunResults.TargetDied().Completion));
        var cancelled = RunCompletion.StoppedAt(RunCompletionStatus.Cancelled, timeline, TimeSpan.FromSeconds(1.5));
        Assert.Equal(
            "The run was cancelled in phase 'baseline', 1.5 s into the 6.0 s timeline; the results measured until then are scored and written, and what it did not reach has no data.",
            CompletionWords.Of(cancelled));
        var early = RunCompletion.StoppedAt(RunCompletionStatus.TargetDied, timeline, TimeSpan.FromSeconds(-0.4), ("exit_code", 137)) with { Cause = "it exited" };
        Assert.Equal((null, 0.0, 137.0), (early.Phase, early["at_seconds"], early["exit_code"]));
        Assert.StartsWith("The target died before the run clock started: it exited.", CompletionWords.Of(early));
        Assert.Equal("harness error in outage", CompletionWords.Short(RunCompletion.StoppedAt(RunCompletionStatus.HarnessError, timeline, TimeSpan.FromSeconds(3))));
        Assert.Equal("target died in outage", CompletionWords.Short(RunResults.TargetDied().Completion));
    }

    [Fact]
    public void A_run_that_stopped_early_does_not_pass_even_when_its_expectations_held()
    {
        var run = RunResults.TargetDied();

        Assert.All(run.Expectations, e => Assert.True(e.Passed));
        Assert.False(run.Passed);
        Assert.True(RunResults.Passing().Passed);
    }

    [Fact]
    public async Task Result_json_carries_the_completion_as_data()
    {
        var root = JsonDocument.Parse(await Export.ToStringAsync(JsonReportExporter.Default, RunResults.TargetDied())).RootElement;

        Assert.False(root.GetProperty("passed").GetBoolean());
        var completion = root.GetProperty("completion");
        Assert.Equal(("target_died", "outage", RunResults.DeathCause),
            (completion.GetProperty("status").GetString(), completion.GetProperty("phase").GetString(), completion.GetProperty("cause").GetString()));
        Assert.Equal(["at_seconds", "missed_probes", "timeline_seconds"], completion.GetProperty("numbers").EnumerateObject().Select(n => n.Name));
        Assert.Equal(31.2, completion.GetProperty("numbers").GetProperty("at_seconds").GetDouble());

        var complete = JsonDocument.Parse(await Export.ToStringAsync(JsonReportExporter.Default, RunResults.Passing())).RootElement.GetProperty("completion");
        Assert.Equal("complete", complete.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, complete.GetProperty("phase").ValueKind);
        Assert.Empty(complete.GetProperty("numbers").EnumerateObject());
    }

    [Fact]
    public async Task Report_md_says_the_run_stopped_early_and_why()
    {
        var text = await Export.ToStringAsync(MarkdownReportExporter.Default, RunResults.TargetDied());

        Assert.StartsWith("## ChaosKit: checkout-assistant: primary provider outage — ❌ failed", text);
        Assert.Contains("> ⚠️ **Stopped early**: " + DiedWords + "\n", text);
        Assert.DoesNotContain("Stopped early", await Export.ToStringAsync(MarkdownReportExporter.Default, RunResults.Passing()));
    }

    [Fact]
    public async Task Junit_xml_has_an_error_case_for_a_run_that_stopped_early()
    {
        var xml = XDocument.Parse(await Export.ToStringAsync(JUnitReportExporter.Default, RunResults.TargetDied()));

        var suite = xml.Root!.Element("testsuite")!;
        Assert.Equal(("1", "0", "4"), (suite.Attribute("errors")!.Value, suite.Attribute("failures")!.Value, suite.Attribute("tests")!.Value));
        var error = suite.Elements("testcase").Single(c => c.Element("error") is not null);
        Assert.Equal("the rehearsal completed", error.Attribute("name")!.Value);
        Assert.Equal(("target_died", DiedWords), (error.Element("error")!.Attribute("type")!.Value, error.Element("error")!.Attribute("message")!.Value));
        Assert.Contains(suite.Element("properties")!.Elements("property"), p => p.Attribute("name")!.Value == "completion" && p.Attribute("value")!.Value == "target_died");
    }

    [Fact]
    public async Task Report_html_says_the_run_stopped_early_and_why()
    {
        var html = await Export.ToStringAsync(HtmlReportExporter.Default, RunResults.TargetDied());

        Assert.Contains("id=\"verdict\">FAILED</div>", html);
        Assert.Contains("Stopped early: target died in outage", html);
        Assert.Contains("<dd id=\"completion-status\">target died in outage</dd>", html);
        Assert.Contains($"<h2>Stopped early</h2><p>{System.Net.WebUtility.HtmlEncode(DiedWords)}</p>", html);
        var complete = await Export.ToStringAsync(HtmlReportExporter.Default, RunResults.Passing());
        Assert.Contains("<dd id=\"completion-status\">complete</dd>", complete);
        Assert.DoesNotContain("id=\"completion\"", complete);
    }
}
