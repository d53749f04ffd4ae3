using System.Text.Json;
using System.Xml.Linq;
using ChaosKit.Reports.Html;
using ChaosKit.Reports.JUnit;
using ChaosKit.Reports.Json;
using ChaosKit.Reports.Markdown;
using ChaosKit.Reports.Tests.Fixtures;

namespace ChaosKit.Reports.Tests;

/// <summary>A phase that scheduled nothing has no availability: every report says "no data", none says 100%.</summary>
public sealed class NoDataTests
{
    [Fact]
    public async Task Result_json_writes_null_rates_for_a_phase_with_nothing_scheduled()
    {
        var json = await Export.ToStringAsync(JsonReportExporter.Default, RunResults.WithIdleRecovery());
        var root = JsonDocument.Parse(json).RootElement;

        var idle = root.GetProperty("phases")[2].GetProperty("stats").GetProperty("outcomes");
        Assert.Equal(0, idle.GetProperty("scheduled").GetInt64());
        Assert.Equal(JsonValueKind.Null, idle.GetProperty("availability").ValueKind);
        Assert.Equal(JsonValueKind.Null, idle.GetProperty("fallbackRate").ValueKind);
        Assert.Equal(JsonValueKind.Null, idle.GetProperty("errorRate").ValueKind);
        var expectation = root.GetProperty("expectations")[0];
        Assert.Equal(JsonValueKind.Null, expectation.GetProperty("actual").ValueKind);
        Assert.Equal("no data", expectation.GetProperty("display").GetString());
    }

    [Fact]
    public async Task Report_md_says_no_data_for_the_phase_and_its_expectation()
    {
        var lines = (await Export.ToStringAsync(MarkdownReportExporter.Default, RunResults.WithIdleRecovery())).Split('\n');

        var recovery = Assert.Single(lines, l => l.StartsWith("| recovery |", StringComparison.Ordinal));
        Assert.Contains("| 0 | 408 | no data |", recovery);
        Assert.DoesNotContain("100%", recovery);
        Assert.Contains("| ❌ | `recovery.availability >= 95%` | no data | failed: no data (nothing was scheduled in phase 'recovery') |", lines);
    }

    [Fact]
    public async Task Junit_xml_says_no_data_in_its_phase_summary()
    {
        var xml = XDocument.Parse(await Export.ToStringAsync(JUnitReportExporter.Default, RunResults.WithIdleRecovery()));

        var summary = xml.Descendants("system-out").Single().Value;
        Assert.Contains("recovery: 0 scheduled, availability no data, fallback no data, p95 no data,", summary);
        Assert.Contains("no data (nothing was scheduled in phase 'recovery')", xml.Descendants("failure").Single().Value);
    }

    [Fact]
    public async Task Report_html_says_no_data_for_the_phase_and_its_expectation()
    {
        var html = await Export.ToStringAsync(HtmlReportExporter.Default, RunResults.WithIdleRecovery());

        var row = html[html.IndexOf("<div class=\"phase-name\">recovery", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains("<td class=\"num strong\"><span class=\"muted\">no data</span></td>", row);
        Assert.DoesNotContain("100%", row);
        Assert.Contains("<td class=\"num\"><span class=\"muted\">no data</span></td><td>failed: no data (nothing was scheduled in phase &#39;recovery&#39;)</td>", html);
    }
}
