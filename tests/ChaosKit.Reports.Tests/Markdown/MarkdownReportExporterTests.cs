using System.Text.RegularExpressions;
using ChaosKit.Reports.Markdown;
using ChaosKit.Reports.Tests.Fixtures;
using ChaosKit.Reports.Words;

namespace ChaosKit.Reports.Tests.Markdown;

public sealed class MarkdownReportExporterTests
{
    [Fact]
    public async Task Leads_with_the_verdict_and_lists_expectations_and_phases()
    {
        var run = RunResults.OutageRehearsal();
        var text = await Export.ToStringAsync(MarkdownReportExporter.Default, run);
        var lines = text.Split('\n');

        Assert.Equal("## ChaosKit: checkout-assistant: primary provider outage — ❌ failed, score 71.4 / 100", lines[0]);
        Assert.Contains("| ❌ | `p95 < 800ms during outage` | — | p95 was 2,750 ms, above 800 ms. |", lines);
        var outage = Assert.Single(lines, l => l.StartsWith("| outage |", StringComparison.Ordinal));
        Assert.Contains($"| {RunResults.OverloadedWords} |", outage);
        var outcomes = run.Phases[1].Stats.Outcomes;
        Assert.Contains($"| {outcomes.Scheduled} | {Format.Count(run.Phases[1].ProviderCalls.Total)} | {Format.Percent(outcomes.Availability)} | {outcomes.Fallback} |", outage);
        // Scheduled requests and arrived provider calls side by side, and the sentence that says which clock each follows.
        Assert.Contains("| Phase | Faults | Scheduled | Provider calls |", text);
        var attribution = Assert.Single(lines, l => l.StartsWith("Requests count in the phase they were scheduled", StringComparison.Ordinal));
        Assert.Contains("can meet the next phase's faults", attribution);
        Assert.True(Array.IndexOf(lines, attribution) > Array.IndexOf(lines, outage), "the sentence follows the phase table");
        Assert.Contains(lines, l => l.StartsWith("Each phase scores 70% × (availability ÷ baseline availability)", StringComparison.Ordinal));
        // Every row of the phase table has the header's number of cells.
        var header = Assert.Single(lines, l => l.StartsWith("| Phase |", StringComparison.Ordinal));
        Assert.All(lines.Where(l => l.StartsWith("| baseline", StringComparison.Ordinal) || l.StartsWith("| outage", StringComparison.Ordinal)),
            row => Assert.Equal(header.Count(c => c == '|'), row.Count(c => c == '|')));
    }

    [Fact]
    public async Task A_passing_run_says_so()
    {
        var text = await Export.ToStringAsync(MarkdownReportExporter.Default, RunResults.Passing());

        Assert.StartsWith("## ChaosKit: checkout-assistant: primary provider outage — ✅ passed", text);
        Assert.DoesNotContain("❌", text);
    }

    [Fact]
    public async Task User_text_cannot_inject_html_or_break_a_table()
    {
        var run = RunResults.Malicious();
        var text = await Export.ToStringAsync(MarkdownReportExporter.Default, run with
        {
            Phases = [.. run.Phases.Select(p => p with { Name = "a|b\nc" + p.Name })],
        });

        // Inside a code span GitHub shows markup as text; everywhere else it must arrive escaped.
        Assert.DoesNotContain("<script>", Regex.Replace(text, "`[^`]*`", ""));
        Assert.Contains("&lt;script&gt;", text);
        Assert.Contains("| a\\|b c", text);
    }

    [Fact]
    public async Task Workflow_steps_get_their_own_table_with_the_failed_checks()
    {
        var text = await Export.ToStringAsync(MarkdownReportExporter.Default, Json.StepViewsTests.WithSteps());
        var lines = text.Split('\n');

        Assert.Single(lines, l => l.StartsWith("| Workflow | Step |", StringComparison.Ordinal));
        var history = Assert.Single(lines, l => l.StartsWith("| ask-and-read | history |", StringComparison.Ordinal));
        Assert.Contains("| 8 | 6 | 2 | 0 | 0 | 2 |", history);
        Assert.EndsWith("| — | json $.id exists: 2 |", history);
    }

    [Fact]
    public async Task A_one_request_run_has_no_step_table()
    {
        var text = await Export.ToStringAsync(MarkdownReportExporter.Default, RunResults.OutageRehearsal());

        Assert.DoesNotContain("| Workflow | Step |", text);
    }
}
