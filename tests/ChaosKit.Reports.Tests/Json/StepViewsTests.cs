using System.Text.Json;
using ChaosKit.Core.Results;
using ChaosKit.Reports.Html;
using ChaosKit.Reports.Json;
using ChaosKit.Reports.Tests.Fixtures;

namespace ChaosKit.Reports.Tests.Json;

/// <summary>Workflow step views: added to result.json within v1, absent for a one-request run, shown in the HTML report.</summary>
public sealed class StepViewsTests
{
    private static readonly LatencySummary Ask = new(10, 5, 50, 40, 90, 95, 99, 99.9, 120) { P75Ms = 70 };

    private static StepStats Step(string name, long ok, long skipped, LatencySummary ttfb) => new(
        "ask-and-read", name, new StepCounts(ok, 0, 2, 0, 0, skipped), Ask, ttfb,
        new Dictionary<string, long> { ["200"] = ok, ["500"] = 2 },
        new Dictionary<string, long> { ["json $.id exists"] = 2 });

    internal static RunResult WithSteps()
    {
        var run = RunResults.OutageRehearsal();
        var ask = Step("ask", 8, 0, Ask);
        var history = Step("history", 6, 2, LatencySummary.Empty);
        return run with
        {
            Steps = [ask, history],
            Phases = [.. run.Phases.Select(p => p with { Steps = [ask, history] })],
            Workflows = [new WorkflowResult("ask-and-read", [SimulationInfo.Of("inject", ("rate", 5), ("interval_seconds", 1), ("during_seconds", 40))], run.Overall, [.. run.Phases.Select(p => p.Stats)], [ask, history])],
        };
    }

    [Fact]
    public async Task Steps_phase_steps_and_workflows_are_written_with_the_full_percentile_set()
    {
        using var document = JsonDocument.Parse(await Export.ToStringAsync(JsonReportExporter.Default, WithSteps()));
        var root = document.RootElement;

        Assert.Equal(3, root.GetProperty("schemaVersion").GetInt32());
        var ask = root.GetProperty("steps")[0];
        Assert.Equal("ask", ask.GetProperty("step").GetString());
        Assert.Equal(10, ask.GetProperty("counts").GetProperty("ran").GetInt64());
        Assert.Equal(0.2, ask.GetProperty("counts").GetProperty("failedRate").GetDouble());
        var latency = ask.GetProperty("latency");
        Assert.Equal([40.0, 70, 90, 95, 99, 99.9, 120],
            new[] { "p50Ms", "p75Ms", "p90Ms", "p95Ms", "p99Ms", "p999Ms", "maxMs" }.Select(k => latency.GetProperty(k).GetDouble()));
        Assert.Equal(2, ask.GetProperty("failures").GetProperty("json $.id exists").GetInt64());
        Assert.True(ask.TryGetProperty("timeToFirstByte", out _));
        Assert.False(root.GetProperty("steps")[1].TryGetProperty("timeToFirstByte", out _), "no stream, no TTFB");
        Assert.Equal(2, root.GetProperty("phases")[1].GetProperty("steps")[1].GetProperty("counts").GetProperty("skipped").GetInt64());
        Assert.Equal("ask-and-read", root.GetProperty("workflows")[0].GetProperty("name").GetString());
        Assert.Equal(3, root.GetProperty("workflows")[0].GetProperty("phases").GetArrayLength());
    }

    [Fact]
    public async Task A_result_built_without_steps_writes_no_step_members()
    {
        using var document = JsonDocument.Parse(await Export.ToStringAsync(JsonReportExporter.Default, RunResults.OutageRehearsal()));
        var root = document.RootElement;

        Assert.False(root.TryGetProperty("steps", out _));
        Assert.False(root.TryGetProperty("workflows", out _));
        Assert.False(root.GetProperty("phases")[0].TryGetProperty("steps", out _));
    }

    [Fact]
    public async Task The_html_report_has_a_step_table_with_a_row_per_step_and_phase()
    {
        var html = await Export.ToStringAsync(HtmlReportExporter.Default, WithSteps());

        Assert.Contains("id=\"step-table\"", html);
        Assert.Contains("ask-and-read · history", html);
        Assert.Contains("json $.id exists", html);
        // A row per step for the whole run and per phase: 2 × (1 + 3).
        Assert.Equal(8, html.Split("<tr><th scope=\"row\">ask-and-read · ").Length - 1);
        Assert.DoesNotContain("id=\"step-table\"", await Export.ToStringAsync(HtmlReportExporter.Default, RunResults.OutageRehearsal()));
    }
}
