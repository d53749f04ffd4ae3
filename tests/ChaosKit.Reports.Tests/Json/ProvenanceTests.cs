using System.Net;
using System.Text.Json;
using ChaosKit.Core.Results;
using ChaosKit.Reports.Html;
using ChaosKit.Reports.Json;
using ChaosKit.Reports.Markdown;
using ChaosKit.Reports.Tests.Fixtures;
using ChaosKit.Reports.Words;

namespace ChaosKit.Reports.Tests.Json;

/// <summary>
/// What a run ran on and the scenario as it ran (schema v3): written to result.json, shown in the HTML report (the
/// scenario's text collapsed) and in a line of report.md; a result built in code, without them, writes none.
/// </summary>
public sealed class ProvenanceTests
{
    [Fact]
    public async Task Result_json_carries_the_environment_the_scenarios_commit_and_text_and_the_journal()
    {
        using var document = JsonDocument.Parse(await Export.ToStringAsync(JsonReportExporter.Default, RunResults.OutageRehearsal()));
        var root = document.RootElement;

        var environment = root.GetProperty("environment");
        Assert.Equal(["chaosKitVersion", "runtime", "os", "architecture", "processorCount"], environment.EnumerateObject().Select(p => p.Name));
        Assert.Equal("0.1.0+" + RunResults.Commit, environment.GetProperty("chaosKitVersion").GetString());
        Assert.Equal(2, environment.GetProperty("processorCount").GetInt32());
        var scenario = root.GetProperty("scenario");
        Assert.Equal(RunResults.Commit, scenario.GetProperty("revision").GetProperty("commit").GetString());
        Assert.True(scenario.GetProperty("revision").GetProperty("dirty").GetBoolean());
        Assert.Equal(RunResults.ScenarioText, scenario.GetProperty("text").GetString());
        Assert.False(scenario.GetProperty("textTruncated").GetBoolean());
        Assert.Equal("journal.jsonl", root.GetProperty("journal").GetString());
    }

    [Fact]
    public async Task A_result_built_in_code_leaves_them_out()
    {
        var run = RunResults.OutageRehearsal();
        var bare = run with { Environment = null, Journal = null, Scenario = new ScenarioInfo("bare", null, 1, null) };

        using var document = JsonDocument.Parse(await Export.ToStringAsync(JsonReportExporter.Default, bare));
        var html = await Export.ToStringAsync(HtmlReportExporter.Default, bare);
        var markdown = MarkdownReportExporter.Render(bare);

        Assert.False(document.RootElement.TryGetProperty("environment", out _));
        Assert.False(document.RootElement.TryGetProperty("journal", out _));
        Assert.Equal(["name", "description", "seed", "sourcePath"], document.RootElement.GetProperty("scenario").EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain("id=\"scenario-text\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"run-environment\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<sub>", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_html_report_shows_what_the_run_ran_on_links_its_files_and_holds_the_scenario_collapsed()
    {
        var html = await Export.ToStringAsync(HtmlReportExporter.Default, RunResults.OutageRehearsal());

        Assert.Contains("<span title=\"0.1.0+2c1c7651871981e47147dcb04235eddd91022415\">0.1.0+2c1c765</span> on .NET 10.0.0, ", html, StringComparison.Ordinal);
        Assert.Contains(">Linux 6.12.48+deb13-amd64, x64, 2 processors</span>", html, StringComparison.Ordinal);
        Assert.Contains($"<span title=\"{RunResults.Commit}\">commit 2c1c765 with uncommitted changes</span>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"journal.jsonl\">journal.jsonl</a>", html, StringComparison.Ordinal);
        // Collapsed: a details element without the open attribute, holding the text encoded.
        Assert.Contains($"<details class=\"scenario-text\" id=\"scenario-text\"><summary>The scenario file as it ran</summary><pre><code>{WebUtility.HtmlEncode(RunResults.ScenarioText)}</code></pre></details>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scenario_text_that_closes_the_block_stays_text()
    {
        var html = await Export.ToStringAsync(HtmlReportExporter.Default, RunResults.Malicious());

        Assert.Contains("<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;\n&lt;/code&gt;&lt;/pre&gt;&lt;/details&gt;", html, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "</details>"));
    }

    [Fact]
    public void Report_md_ends_with_what_measured_the_run_and_where_the_scenario_was()
    {
        var markdown = MarkdownReportExporter.Render(RunResults.OutageRehearsal());

        Assert.EndsWith(
            "\n<sub>Measured by ChaosKit 0.1.0+2c1c765 on .NET 10.0.0, Linux 6.12.48+deb13-amd64, x64, 2 processors; " +
            "the scenario file `scenarios/primary-outage.yaml` was at commit 2c1c765 with uncommitted changes; " +
            "every provider call is in [journal.jsonl](journal.jsonl).</sub>\n",
            markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.1.0+2c1c7651871981e47147dcb04235eddd91022415", "0.1.0+2c1c765")]
    [InlineData("0.1.0", "0.1.0")]
    [InlineData("1.2.3-beta.4+abc", "1.2.3-beta.4+abc")]
    public void A_version_keeps_a_short_commit(string version, string words) => Assert.Equal(words, ProvenanceWords.Version(version));

    [Theory]
    [InlineData("target.log", "target.log")]
    [InlineData("../run 1/target.log", "../run%201/target.log")]
    [InlineData("runs/a#b?.jsonl", "runs/a%23b%3F.jsonl")]
    public void A_relative_link_escapes_each_segment_and_keeps_the_slashes(string path, string url) => Assert.Equal(url, Format.RelativeUrl(path));
}
