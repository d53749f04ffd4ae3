using ChaosKit.Core.Results;
using ChaosKit.Reports.Html;
using ChaosKit.Reports.Tests.Fixtures;
using ChaosKit.Reports.Words;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ChaosKit.Reports.Tests.Browser;

/// <summary>Opens exported reports from disk in headless Chromium with the network cut off.</summary>
public sealed class HtmlReportBrowserTests(ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>, IDisposable
{
    /// <summary>Screenshots land here so a person can look at what the test saw.</summary>
    public static readonly string ArtifactsFolder = Path.Combine(Path.GetTempPath(), "chaoskit-report");

    private readonly Export.TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Draws_both_charts_with_phase_bands_offline()
    {
        await using var report = await OpenAsync(RunResults.OutageRehearsal());
        var page = report.Page;

        var charts = await page.EvaluateAsync<ChartInfo[]>(
            "() => window.chaoskitCharts.ready && window.chaoskitCharts.charts.map(c => ({ id: c.id, bands: c.bands, labels: c.labels }))");
        Assert.Equal(["chart-outcomes", "chart-latency"], charts.Select(c => c.Id));
        Assert.All(charts, c => Assert.Equal((3, 3), (c.Bands, c.Labels)));
        Assert.Equal("3", await page.GetAttributeAsync("#chart-outcomes .uplot", "data-phase-labels"));

        foreach (var id in new[] { "#chart-outcomes", "#chart-latency" })
        {
            var box = await page.Locator($"{id} canvas").BoundingBoxAsync();
            Assert.True(box is { Width: > 300, Height: > 150 }, $"{id} canvas is {box?.Width}×{box?.Height}");
        }
        // The canvas really has the stacked bars on it: sample the middle of the outage band (second 30) low in
        // the plot, where the fallback series is drawn.
        var fallbackShare = await page.EvaluateAsync<double>("""
            () => {
              const u = window.chaoskitCharts.charts[0].plot;
              const x = Math.round(u.valToPos(30.5, 'x', true));
              const y0 = Math.round(u.valToPos(1, 'y', true)), y1 = Math.round(u.valToPos(18, 'y', true));
              const px = u.ctx.getImageData(x, y1, 1, y0 - y1).data;
              let amber = 0;
              for (let i = 0; i < px.length; i += 4) if (px[i] > 200 && px[i + 1] > 130 && px[i + 1] < 180 && px[i + 2] < 40) amber++;
              return amber / (px.length / 4);
            }
            """);
        Assert.True(fallbackShare > 0.9, $"only {fallbackShare:P0} of the sampled column is fallback-coloured");

        Assert.Equal(3, await page.Locator("#phase-table tbody tr").CountAsync());
        Assert.Equal("FAILED", await page.InnerTextAsync("#verdict"));
        Assert.Empty(report.Problems);

        Directory.CreateDirectory(ArtifactsFolder);
        var screenshot = Path.Combine(ArtifactsFolder, "report.png");
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        await page.Locator("#timeline").ScreenshotAsync(new() { Path = Path.Combine(ArtifactsFolder, "timeline.png") });
        File.Copy(report.Path, Path.Combine(ArtifactsFolder, "report.html"), overwrite: true);
        output.WriteLine($"Screenshot: {screenshot}");
    }

    [Fact]
    public async Task Draws_unusual_runs_without_errors()
    {
        foreach (var (name, run) in RunResults.EdgeCases())
        {
            await using var report = await OpenAsync(run);

            var drawn = await report.Page.EvaluateAsync<int[]>("() => window.chaoskitCharts.charts.map(c => c.labels)");
            Assert.True(drawn.Length == 2 && drawn.All(labels => labels == run.Phases.Count), $"{name}: labels drawn {string.Join(",", drawn)}");
            Assert.True(report.Problems.Count == 0, $"{name}: {string.Join("; ", report.Problems)}");
            Directory.CreateDirectory(ArtifactsFolder);
            await report.Page.Locator("#timeline").ScreenshotAsync(new() { Path = Path.Combine(ArtifactsFolder, $"timeline-{name.Replace(' ', '-')}.png") });
        }
    }

    [Fact]
    public async Task The_latency_chart_switches_between_log_and_linear()
    {
        await using var report = await OpenAsync(RunResults.OutageRehearsal());
        var toggle = report.Page.Locator("#latency-tools button");

        Assert.Equal("true", await toggle.GetAttributeAsync("aria-pressed"));
        Assert.Equal(3, await report.Page.EvaluateAsync<int>("() => window.chaoskitCharts.charts[1].plot.scales.y.distr"));
        await toggle.ClickAsync();

        Assert.Equal("false", await toggle.GetAttributeAsync("aria-pressed"));
        Assert.Equal(1, await report.Page.EvaluateAsync<int>("() => window.chaoskitCharts.charts[1].plot.scales.y.distr"));
        Assert.Equal(3, await report.Page.EvaluateAsync<int>("() => window.chaoskitCharts.charts[1].labels"));
        Assert.Equal(2, await report.Page.Locator("#timeline canvas").CountAsync());
        Assert.Empty(report.Problems);
    }

    [Fact]
    public async Task Only_the_reports_own_scripts_may_run()
    {
        var path = await HtmlReportExporter.Default.ExportToDirectoryAsync(RunResults.OutageRehearsal(), _folder.Path);
        var html = await File.ReadAllTextAsync(path);
        await File.WriteAllTextAsync(path, html.Replace("</body>", "<script>window.injected = true;</script></body>", StringComparison.Ordinal));

        await using var report = await OpenFileAsync(path);

        Assert.False(await report.Page.EvaluateAsync<bool>("() => window.injected === true"));
        Assert.True(await report.Page.EvaluateAsync<bool>("() => window.chaoskitCharts.ready"));
        Assert.Contains(report.Problems, p => p.Contains("Content Security Policy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Renders_in_dark_mode_without_errors()
    {
        await using var report = await OpenAsync(RunResults.Passing(), ColorScheme.Dark);

        Assert.Equal("PASSED", await report.Page.InnerTextAsync("#verdict"));
        Assert.True(await report.Page.EvaluateAsync<bool>("() => window.chaoskitCharts.ready"));
        Assert.Empty(report.Problems);

        Directory.CreateDirectory(ArtifactsFolder);
        await report.Page.ScreenshotAsync(new() { Path = Path.Combine(ArtifactsFolder, "report-dark.png"), FullPage = true });
    }

    [Fact]
    public async Task States_that_requests_follow_their_scheduled_start_and_provider_calls_their_arrival()
    {
        var run = RunResults.OutageRehearsal();
        await using var report = await OpenAsync(run);
        var page = report.Page;

        var note = page.Locator("#phases #phase-attribution");
        Assert.True(await note.IsVisibleAsync());
        var text = await note.InnerTextAsync();
        Assert.Contains("scheduled to start in", text);
        Assert.Contains("arrived at the fake in", text);
        Assert.Contains("can meet the next phase's faults", text);
        // Read before the numbers: the note sits above the table, inside the card, on a line wide enough to read.
        var noteBox = await note.BoundingBoxAsync();
        var tableBox = await page.Locator("#phase-table").BoundingBoxAsync();
        Assert.True(noteBox is { Width: > 300 } && tableBox is not null && noteBox.Y + noteBox.Height <= tableBox.Y,
            $"note at {noteBox?.Y}+{noteBox?.Height}, table at {tableBox?.Y}");

        // The two counts the note contrasts, side by side in each phase's row: scheduled requests and arrived calls.
        Assert.Equal("By scheduled start", await page.GetAttributeAsync("#phase-table thead th.group >> nth=0", "title"));
        Assert.Equal("By arrival at the fake", await page.GetAttributeAsync("#phase-table thead th.group >> nth=2", "title"));
        for (var i = 0; i < run.Phases.Count; i++)
        {
            var cells = page.Locator($"#phase-table tbody tr >> nth={i}").Locator("td");
            Assert.Equal(Format.Count(run.Phases[i].Stats.Outcomes.Scheduled), await cells.Nth(0).InnerTextAsync());
            Assert.Equal(Format.Count(run.Phases[i].ProviderCalls.Total), await cells.Nth(12).InnerTextAsync());
        }
        Assert.Empty(report.Problems);
    }

    [Fact]
    public async Task Draws_the_provider_calls_and_the_trail_of_each_phase()
    {
        await using var report = await OpenAsync(RunResults.WithProviderTrail());
        var page = report.Page;

        var charts = await page.EvaluateAsync<ChartInfo[]>(
            "() => window.chaoskitCharts.ready && window.chaoskitCharts.charts.map(c => ({ id: c.id, bands: c.bands, labels: c.labels }))");
        Assert.Equal(["chart-outcomes", "chart-latency", "chart-ttfb", "chart-provider", "chart-amplification"], charts.Select(c => c.Id));
        Assert.All(charts, c => Assert.Equal(3, c.Bands));
        // The outage's calls per request, as the amplification chart plots it: 42 calls over 20 requests.
        var perRequest = await page.EvaluateAsync<double>("() => window.chaoskitCharts.charts[4].plot.data[1][30]");
        Assert.Equal(1_800, await page.EvaluateAsync<double>("() => window.chaoskitCharts.charts[2].plot.data[1][30]"));
        Assert.Equal(42.0 / 20, perRequest, 2);
        Assert.Equal(3, await page.Locator("#trail-table tbody tr").CountAsync());
        Assert.Equal(4, await page.Locator(".waterfall .wf-row").Filter(new() { HasText = "primary" }).CountAsync());
        Assert.Contains("primary 529 early", await page.InnerTextAsync("#trail"));
        Assert.Equal("reference-naive/report.html", await page.GetAttributeAsync("#compared-with a", "href"));
        Assert.Empty(report.Problems);

        Directory.CreateDirectory(ArtifactsFolder);
        await page.Locator("#trail").ScreenshotAsync(new() { Path = Path.Combine(ArtifactsFolder, "trail.png") });
        await page.Locator("#timeline").ScreenshotAsync(new() { Path = Path.Combine(ArtifactsFolder, "timeline-providers.png") });
    }

    [Fact]
    public async Task Reads_without_javascript()
    {
        await using var report = await OpenAsync(RunResults.OutageRehearsal(), javaScript: false);
        var page = report.Page;

        Assert.Equal(3, await page.Locator("#phase-table tbody tr").CountAsync());
        Assert.Equal("FAILED", await page.InnerTextAsync("#verdict"));
        Assert.Contains("The charts need JavaScript", await page.InnerTextAsync("#timeline"));
        Assert.Equal(3, await page.Locator("#expectations tbody tr").CountAsync());
    }

    [Fact]
    public async Task Shows_malicious_text_as_text()
    {
        await using var report = await OpenAsync(RunResults.Malicious());
        var page = report.Page;

        Assert.Equal(RunResults.Payload, await page.InnerTextAsync("#scenario-name"));
        Assert.Equal(3, await page.Locator("#phase-table tbody tr").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.chaoskitCharts.ready && window.chaoskitCharts.charts.length === 2"));
        Assert.Empty(report.Problems);
    }

    private async Task<OfflinePage> OpenAsync(RunResult result, ColorScheme colorScheme = ColorScheme.Light, bool javaScript = true) =>
        await OpenFileAsync(await HtmlReportExporter.Default.ExportToDirectoryAsync(result, _folder.Path), colorScheme, javaScript);

    private async Task<OfflinePage> OpenFileAsync(string path, ColorScheme colorScheme = ColorScheme.Light, bool javaScript = true)
    {
        var report = await OfflinePage.OpenAsync(chromium.Browser, path, colorScheme, javaScript);
        if (javaScript) await report.Page.WaitForFunctionAsync("() => window.chaoskitCharts && window.chaoskitCharts.ready");
        return report;
    }

    /// <summary>What report.js says it drew (Playwright fills it through the parameterless constructor).</summary>
    private sealed class ChartInfo
    {
        public string Id { get; set; } = "";

        public int Bands { get; set; }

        public int Labels { get; set; }
    }
}
