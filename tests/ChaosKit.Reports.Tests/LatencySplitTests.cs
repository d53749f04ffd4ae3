using System.Text.Json;
using System.Xml.Linq;
using ChaosKit.Reports.Html;
using ChaosKit.Reports.JUnit;
using ChaosKit.Reports.Json;
using ChaosKit.Reports.Markdown;
using ChaosKit.Reports.Tests.Fixtures;
using ChaosKit.Reports.Words;

namespace ChaosKit.Reports.Tests;

/// <summary>
/// Every report shows the latency of the served requests (what a <c>p95</c> expectation reads) and the failed
/// requests' apart, so instant failures cannot pass for a fast target.
/// </summary>
public sealed class LatencySplitTests
{
    [Fact]
    public async Task Result_json_carries_the_served_and_failed_distributions_per_phase_and_overall()
    {
        var run = RunResults.OutageRehearsal();
        var root = JsonDocument.Parse(await Export.ToStringAsync(JsonReportExporter.Default, run)).RootElement;

        var outage = root.GetProperty("phases")[1].GetProperty("stats");
        var stats = run.Phases[1].Stats;
        Assert.Equal(stats.ServedLatency.Count, outage.GetProperty("servedLatency").GetProperty("count").GetInt64());
        Assert.Equal(stats.FailedLatency.Count, outage.GetProperty("failedLatency").GetProperty("count").GetInt64());
        Assert.Equal(Math.Round(stats.FailedLatency.P95Ms, 3), outage.GetProperty("failedLatency").GetProperty("p95Ms").GetDouble());
        Assert.Equal(stats.Latency.Count, outage.GetProperty("latency").GetProperty("count").GetInt64());
        var overall = root.GetProperty("overall");
        Assert.Equal(run.Overall.ServedLatency.Count, overall.GetProperty("servedLatency").GetProperty("count").GetInt64());
        Assert.Equal(run.Overall.FailedLatency.Count, overall.GetProperty("failedLatency").GetProperty("count").GetInt64());
        // The baseline had no failure: an empty distribution, count 0.
        Assert.Equal(0, root.GetProperty("phases")[0].GetProperty("stats").GetProperty("failedLatency").GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task Report_md_shows_the_served_percentiles_and_the_failed_p95()
    {
        var run = RunResults.OutageRehearsal();
        var lines = (await Export.ToStringAsync(MarkdownReportExporter.Default, run)).Split('\n');

        var (served, failed) = (run.Phases[1].Stats.ServedLatency, run.Phases[1].Stats.FailedLatency);
        var outage = Assert.Single(lines, l => l.StartsWith("| outage |", StringComparison.Ordinal));
        Assert.Contains($"| {Format.Ms(served.P50Ms)} | {Format.Ms(served.P95Ms)} | {Format.Ms(served.P99Ms)} | {Format.Ms(failed.P95Ms)} |", outage);
        var baseline = Assert.Single(lines, l => l.StartsWith("| baseline |", StringComparison.Ordinal));
        Assert.Contains($"| {Format.Ms(run.Phases[0].Stats.ServedLatency.P99Ms)} | — |", baseline);
        Assert.Contains(lines, l => l.Contains(MarkdownReportExporter.LatencySplit, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Junit_xml_names_both_p95s_in_its_phase_summary()
    {
        var run = RunResults.OutageRehearsal();
        var xml = XDocument.Parse(await Export.ToStringAsync(JUnitReportExporter.Default, run));

        var summary = xml.Descendants("system-out").Single().Value;
        var (served, failed) = (run.Phases[1].Stats.ServedLatency, run.Phases[1].Stats.FailedLatency);
        Assert.Contains($"p95 {Format.Ms(served.P95Ms)} ms, failed p95 {Format.Ms(failed.P95Ms)} ms,", summary);
        Assert.Contains("p95 " + Format.Ms(run.Phases[0].Stats.ServedLatency.P95Ms) + " ms, failed p95 no data,", summary);
    }

    [Fact]
    public async Task Report_html_shows_the_served_percentiles_and_the_failed_p95()
    {
        var run = RunResults.OutageRehearsal();
        var html = await Export.ToStringAsync(HtmlReportExporter.Default, run);

        var (served, failed) = (run.Phases[1].Stats.ServedLatency, run.Phases[1].Stats.FailedLatency);
        var row = html[html.IndexOf("<div class=\"phase-name\">outage", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)].Replace("\n", "", StringComparison.Ordinal);
        Assert.Contains(
            $"<td class=\"num\">{Format.Ms(served.P50Ms)}</td><td class=\"num\">{Format.Ms(served.P95Ms)}</td><td class=\"num\">{Format.Ms(served.P99Ms)}</td>" +
            $"<td class=\"num\">{Format.Ms(failed.P95Ms)}</td>", row);
        Assert.Contains(">Failed p95</th>", html);
    }
}
