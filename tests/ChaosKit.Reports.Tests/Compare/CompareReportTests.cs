using System.Net;
using System.Text.RegularExpressions;
using ChaosKit.Reports.Compare;
using ChaosKit.Reports.Tests.Fixtures;

namespace ChaosKit.Reports.Tests.Compare;

public sealed partial class CompareReportTests
{
    private static readonly CompareCheck Held = new("score < -5", true, MetricUnit.Points, 71.35, 62.1, false, -5);

    private static readonly CompareCheck NotHeld = new("outage.p95 > +20%", false, MetricUnit.Milliseconds, 1200, 600, true, 0.2);

    [Fact]
    public void The_markdown_leads_with_the_verdict_then_the_runs_checks_score_and_phases()
    {
        var md = CompareReport.Markdown(Comparisons.Compare(Comparisons.Base(), Comparisons.Worse(), Held, NotHeld));
        var lines = md.Split('\n');

        Assert.StartsWith("## ChaosKit compare: checkout-assistant: primary provider outage — ❌ 1 of 2 --fail-on rules held; ", lines[0], StringComparison.Ordinal);
        Assert.Contains("| Run | [runs/last-week](../last-week/report.html) | [runs/today](report.html) |", lines);
        Assert.Contains("- ❌ `score < -5` held: 71.4 → 62.1 (-9.3 points)", lines);
        Assert.Contains("- ✅ `outage.p95 > +20%` did not hold: 1,200 ms → 600 ms (-50%)", lines);
        Assert.Contains("| **Score** | | 71.4 | 62.1 | -9.3 points | | 🔴 worse |", lines);
        Assert.Contains(lines, l => l.StartsWith("| `availability` | 0.7 | 96.55% | 85% | -11.55 pp | ", StringComparison.Ordinal) && l.EndsWith("| 🔴 worse |", StringComparison.Ordinal));
        Assert.Contains("**outage** 0:20–0:40", lines);
        Assert.Contains("| Availability | 88.92% | 85% | -3.92 pp | 🔴 worse |", lines);
        Assert.Contains("| Served p95 | 1,254 ms | 600 ms | -654 ms (-52.2%) | 🟢 better |", lines);
        Assert.Contains("| Calls per request | 2.63 | 2.62 | -0.02 (-0.8%) |  |", lines);
        Assert.Contains("**whole run**", lines);
        Assert.StartsWith("A change counts as worse or better only beyond its noise margin: the score 1 point; ", lines[^2], StringComparison.Ordinal);
        // Every table row has its header's number of cells.
        var phaseHeader = "| | Base | New | Change | |";
        Assert.All(lines.Where(l => l.StartsWith("| Scheduled", StringComparison.Ordinal)), row => Assert.Equal(phaseHeader.Count(ch => ch == '|'), row.Count(ch => ch == '|')));
    }

    [Fact]
    public void The_html_is_self_contained_without_scripts_and_the_same_for_the_same_runs()
    {
        var c = Comparisons.Compare(Comparisons.Base(), Comparisons.Worse(), Held);

        var html = CompareReport.Html(c);

        Assert.Equal(html, CompareReport.Html(Comparisons.Compare(Comparisons.Base(), Comparisons.Worse(), Held)));
        Assert.Contains("content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        Assert.Contains("id=\"verdict\">FAILED</div>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"../last-week/report.html\">runs/last-week</a>", html, StringComparison.Ordinal);
        Assert.Equal(4, SpanBody().Matches(html).Count);
        Assert.Contains("title=\"worse by more than its noise margin, 1 pp\">-3.92 pp</td>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, false, "SAME")]
    [InlineData(true, false, "MIXED")]
    [InlineData(true, true, "FAILED")]
    public void The_verdict_is_the_rules_when_there_are_any_else_the_changes(bool worse, bool withRule, string verdict)
    {
        var c = Comparisons.Compare(Comparisons.Base(), worse ? Comparisons.Worse() : Comparisons.Base(), withRule ? [Held] : []);

        Assert.Equal(verdict, CompareReport.Verdict(c));
    }

    [Fact]
    public void Run_text_shows_as_text()
    {
        var c = Comparisons.Compare(RunResults.Malicious(), RunResults.Malicious(), Held with { Text = RunResults.Payload });

        var html = CompareReport.Html(c);
        var md = CompareReport.Markdown(c);

        Assert.DoesNotContain(RunResults.Payload, html, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(RunResults.Payload), html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", Regex.Replace(md, "`[^`]*`", ""), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_both_files_into_the_folder()
    {
        using var folder = new Export.TempFolder();

        var files = await CompareReport.WriteAsync(Comparisons.Compare(Comparisons.Base(), Comparisons.Worse()), folder.Path);

        Assert.Equal([Path.Combine(folder.Path, "compare.html"), Path.Combine(folder.Path, "compare.md")], files);
        Assert.Equal(["compare.html", "compare.md"], Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order());
    }

    [GeneratedRegex("<tbody class=\"span\"")]
    private static partial Regex SpanBody();
}
