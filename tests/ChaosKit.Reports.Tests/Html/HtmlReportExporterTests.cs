using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChaosKit.Core.Results;
using ChaosKit.Reports.Html;
using ChaosKit.Reports.Json;
using ChaosKit.Reports.Tests.Fixtures;

namespace ChaosKit.Reports.Tests.Html;

public sealed partial class HtmlReportExporterTests
{
    private static Task<string> RenderAsync(RunResult result) => Export.ToStringAsync(HtmlReportExporter.Default, result);

    [Theory]
    [InlineData("src=\"http")]
    [InlineData("href=\"http")]
    [InlineData("src='http")]
    [InlineData("url(http")]
    [InlineData("url(//")]
    [InlineData("@import")]
    [InlineData("<link")]
    [InlineData("<img")]
    [InlineData("<iframe")]
    public async Task Loads_nothing_from_outside_the_file(string reference)
    {
        var html = await RenderAsync(RunResults.OutageRehearsal());

        Assert.DoesNotContain(reference, html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Inlines_uplot_with_its_licence_and_the_report_script()
    {
        var html = await RenderAsync(RunResults.OutageRehearsal());

        Assert.Contains("var uPlot=function()", html);
        Assert.Contains("Copyright (c) 2022 Leon Sorokin", html);
        Assert.Contains("window.chaoskitCharts", html);
        Assert.Contains(".u-legend", html);
        Assert.Contains("--c-fallback", html);
        Assert.Equal(3, ScriptTag().Matches(html).Count);
    }

    [Fact]
    public async Task Allows_only_its_own_scripts_by_hash()
    {
        var html = await RenderAsync(RunResults.OutageRehearsal());

        var policy = Regex.Match(html, "http-equiv=\"Content-Security-Policy\" content=\"(?<p>[^\"]+)\"").Groups["p"].Value;
        Assert.StartsWith("default-src 'none'; script-src 'sha256-", policy);
        Assert.Equal(2, Regex.Matches(policy, "'sha256-[A-Za-z0-9+/]+=*'").Count);
        Assert.DoesNotContain("script-src 'unsafe-inline'", policy);
    }

    [Fact]
    public async Task Renders_the_tables_on_the_server()
    {
        var run = RunResults.OutageRehearsal();
        var html = await RenderAsync(run);

        Assert.Contains("<h1 id=\"scenario-name\">checkout-assistant: primary provider outage</h1>", html);
        Assert.Contains("id=\"verdict\">FAILED</div>", html);
        Assert.Contains("1 of 3 expectations failed", html);
        Assert.Contains("<span class=\"score-value\" id=\"score-total\">71.4</span>", html);
        foreach (var phase in run.Phases)
            Assert.Contains($"<div class=\"phase-name\">{phase.Name}", html);
        Assert.Equal(3, PhaseRow().Matches(html).Count);
        Assert.Contains("<div class=\"window\">0:20–0:40</div>", html);
        Assert.Contains($"<li>{RunResults.OverloadedWords}</li>", html);
        Assert.Contains("529<small>×660</small>", html);
        Assert.Contains("<time datetime=\"2025-11-27T18:00:00Z\">2025-11-27 18:00:00 UTC</time>", html);
        Assert.Contains("p95 was 2,750 ms, above 800 ms.", html);
        Assert.Contains(WebUtility.HtmlEncode(RunResults.OutageScoreWords), html);
        Assert.Contains("<dt>Availability</dt>", html);
        Assert.Contains("The load generator fell behind schedule: 3 of 600 arrivals (0.5 %) started more than 50 ms late, at worst 120 ms.", html);
        Assert.Contains("<span class=\"tag\">baseline</span>", html);
    }

    [Fact]
    public async Task Shows_passed_when_every_expectation_holds()
    {
        var html = await RenderAsync(RunResults.Passing());

        Assert.Contains("<div class=\"verdict verdict-passed\" id=\"verdict\">PASSED</div>", html);
        Assert.Contains("All 3 expectations held", html);
        Assert.StartsWith("<!DOCTYPE html>", html);
    }

    [Fact]
    public async Task Embeds_the_same_data_as_result_json()
    {
        var run = RunResults.OutageRehearsal();
        var html = await RenderAsync(run);

        var embedded = JsonNode.Parse(DataBlock().Match(html).Groups["json"].Value);
        var file = JsonNode.Parse(await Export.ToStringAsync(JsonReportExporter.Default, run));
        Assert.True(JsonNode.DeepEquals(file, embedded));
    }

    [Fact]
    public async Task Encodes_user_text_everywhere()
    {
        var html = await RenderAsync(RunResults.Malicious());

        Assert.DoesNotContain(RunResults.Payload, html);
        Assert.Contains("<h1 id=\"scenario-name\">" + WebUtility.HtmlEncode(RunResults.Payload) + "</h1>", html);
        Assert.Contains("&quot;quotes&quot; &#39;too&#39;", html);
        // Only the three script elements the page itself has, and the data block cannot be closed early.
        Assert.Equal(3, ScriptTag().Matches(html).Count);
        var embedded = JsonNode.Parse(DataBlock().Match(html).Groups["json"].Value)!;
        Assert.Equal(RunResults.Payload, embedded["scenario"]!["name"]!.GetValue<string>());
    }

    [GeneratedRegex("<script[ >]", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex("""<script type="application/json" id="chaoskit-data">(?<json>.*?)</script>""", RegexOptions.Singleline)]
    private static partial Regex DataBlock();

    [GeneratedRegex("""<tr class="(faulty|healthy)"><th scope="row">""")]
    private static partial Regex PhaseRow();
}
