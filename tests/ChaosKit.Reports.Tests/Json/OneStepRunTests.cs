using System.Text.Json;
using ChaosKit.Core.Results;
using ChaosKit.Reports.Html;
using ChaosKit.Reports.Json;
using ChaosKit.Reports.Markdown;
using ChaosKit.Reports.Tests.Fixtures;

namespace ChaosKit.Reports.Tests.Json;

/// <summary>
/// A one-request run is one workflow (<c>load</c>) of one step (<c>request</c>): result.json carries them like any
/// workflow, and the reports leave out the step breakdown, which would only repeat the run's own figures.
/// </summary>
public sealed class OneStepRunTests
{
    internal static RunResult OneRequest()
    {
        var run = RunResults.OutageRehearsal();
        var step = new StepStats("load", "request", new StepCounts(90, 0, 10, 0, 0, 0), run.Overall.ServiceLatency, LatencySummary.Empty,
            new Dictionary<string, long> { ["200"] = 90, ["503"] = 10 }, new Dictionary<string, long> { ["status 2xx"] = 10 });
        return run with
        {
            Steps = [step],
            Phases = [.. run.Phases.Select(p => p with { Steps = [step] })],
            Workflows = [new WorkflowResult("load", [SimulationInfo.Of("inject", ("rate", 20), ("interval_seconds", 1), ("during_seconds", 40))],
                run.Overall, [.. run.Phases.Select(p => p.Stats)], [step])],
        };
    }

    [Fact]
    public async Task Result_json_carries_the_one_workflow_and_its_one_step()
    {
        using var document = JsonDocument.Parse(await Export.ToStringAsync(JsonReportExporter.Default, OneRequest()));
        var root = document.RootElement;

        Assert.Equal("request", root.GetProperty("steps")[0].GetProperty("step").GetString());
        var workflow = root.GetProperty("workflows")[0];
        Assert.Equal("load", workflow.GetProperty("name").GetString());
        Assert.Equal("inject", workflow.GetProperty("profile")[0].GetProperty("kind").GetString());
        Assert.Equal(20, workflow.GetProperty("profile")[0].GetProperty("numbers").GetProperty("rate").GetDouble());
    }

    [Fact]
    public async Task The_html_report_and_report_md_show_no_step_breakdown_for_one_step()
    {
        var html = await Export.ToStringAsync(HtmlReportExporter.Default, OneRequest());
        var markdown = await Export.ToStringAsync(MarkdownReportExporter.Default, OneRequest());

        Assert.DoesNotContain("id=\"step-table\"", html);
        Assert.DoesNotContain("| Workflow | Step |", markdown);
        Assert.Equal(
            await Export.ToStringAsync(MarkdownReportExporter.Default, RunResults.OutageRehearsal()),
            markdown);
    }
}
