using ChaosKit.Reports.Compare;
using ChaosKit.Reports.Tests.Compare;
using ChaosKit.Reports.Tests.Fixtures;
using Microsoft.Playwright;

namespace ChaosKit.Reports.Tests.Browser;

/// <summary>Opens compare.html from disk in headless Chromium with the network cut off.</summary>
public sealed class CompareBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IDisposable
{
    private readonly Export.TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Renders_the_runs_checks_score_and_phases_without_errors(ColorScheme scheme)
    {
        var held = new CompareCheck("score < -5", true, MetricUnit.Points, 71.35, 62.1, false, -5);
        var files = await CompareReport.WriteAsync(Comparisons.Compare(Comparisons.Base(), Comparisons.Worse(), held), _folder.Path);

        await using var compare = await OfflinePage.OpenAsync(chromium.Browser, files[0], scheme);
        var page = compare.Page;

        Assert.Equal("FAILED", await page.InnerTextAsync("#verdict"));
        Assert.Equal("71.4 → 62.1", await page.InnerTextAsync("#score-change"));
        Assert.Equal(4, await page.Locator("#phase-table tbody.span").CountAsync());
        Assert.Equal(ComparedMetric.Span.Count, await page.Locator("#phase-table tbody[data-span='outage'] tr[data-metric]").CountAsync());
        Assert.Equal("worse", await page.InnerTextAsync("#phase-table tbody[data-span='outage'] tr[data-metric='availability'] .chip"));
        Assert.Equal("better", await page.InnerTextAsync("#phase-table tbody[data-span='outage'] tr[data-metric='p95'] .chip"));
        Assert.Equal(1, await page.Locator("#checks tbody tr.fail").CountAsync());
        // The regression reads in the poor colour, not the text's.
        var colours = await page.EvaluateAsync<string[]>("""
            () => [document.querySelector("#phase-table tbody[data-span='outage'] tr[data-metric='availability'] td.worse"), document.body]
              .map(e => getComputedStyle(e).color)
            """);
        Assert.NotEqual(colours[1], colours[0]);
        Assert.Empty(compare.Problems);

        Directory.CreateDirectory(HtmlReportBrowserTests.ArtifactsFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(HtmlReportBrowserTests.ArtifactsFolder, $"compare-{scheme.ToString().ToLowerInvariant()}.png"), FullPage = true });
    }

    [Fact]
    public async Task Shows_run_text_as_text()
    {
        var files = await CompareReport.WriteAsync(Comparisons.Compare(RunResults.Malicious(), RunResults.Malicious()), _folder.Path);

        await using var compare = await OfflinePage.OpenAsync(chromium.Browser, files[0]);

        Assert.Equal(RunResults.Payload, await compare.Page.InnerTextAsync("#scenario-name"));
        Assert.Empty(compare.Problems);
    }
}
