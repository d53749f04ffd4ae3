using ChaosKit.Core.Results;
using ChaosKit.Reports.Exporters;
using ChaosKit.Reports.Html;
using ChaosKit.Reports.Json;
using ChaosKit.Reports.JUnit;
using ChaosKit.Reports.Markdown;
using ChaosKit.Reports.Tests.Fixtures;

namespace ChaosKit.Reports.Tests.Exporters;

public sealed class CompositeExporterTests : IDisposable
{
    private readonly Export.TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_default_set_is_json_html_junit_then_markdown()
    {
        Assert.Equal<IReportExporter>(
            [JsonReportExporter.Default, HtmlReportExporter.Default, JUnitReportExporter.Default, MarkdownReportExporter.Default],
            ReportExporters.Default);
        Assert.Equal(["result.json", "report.html", "junit.xml", "report.md"], ReportExporters.Default.Select(e => e.FileName));
        Assert.Equal(ReportExporters.Default, CompositeExporter.Default.Exporters);
    }

    [Fact]
    public async Task Writes_every_default_file()
    {
        var summary = await CompositeExporter.Default.ExportToDirectoryAsync(RunResults.OutageRehearsal(), _folder.Path);

        Assert.True(summary.Succeeded);
        Assert.Equal(["result.json", "report.html", "junit.xml", "report.md"], summary.WrittenFiles.Select(Path.GetFileName));
        Assert.All(summary.WrittenFiles, f => Assert.True(new FileInfo(f).Length > 1000, f));
    }

    [Fact]
    public async Task A_failing_exporter_is_reported_and_the_others_still_run()
    {
        var composite = new CompositeExporter([new ExporterBaseTests.FailingExporter(), JsonReportExporter.Default]);

        var summary = await composite.ExportToDirectoryAsync(RunResults.OutageRehearsal(), _folder.Path);

        Assert.False(summary.Succeeded);
        var failure = Assert.Single(summary.Failures);
        Assert.Equal("broken", failure.Exporter);
        Assert.IsType<IOException>(failure.Exception);
        Assert.Equal("broken (broken.txt): No space left on device", failure.ToString());
        Assert.Equal([Path.Combine(_folder.Path, "result.json")], summary.WrittenFiles);
    }

    [Fact]
    public async Task The_callers_cancellation_stops_the_export()
    {
        using var cts = new CancellationTokenSource();
        var composite = new CompositeExporter([new CancellingExporter(cts), JsonReportExporter.Default]);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => composite.ExportToDirectoryAsync(RunResults.OutageRehearsal(), _folder.Path, cts.Token));

        Assert.Empty(Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public async Task A_timeout_inside_one_exporter_is_that_exporters_failure()
    {
        var composite = new CompositeExporter([new CancellingExporter(cancel: null), JsonReportExporter.Default]);

        var summary = await composite.ExportToDirectoryAsync(RunResults.OutageRehearsal(), _folder.Path);

        Assert.IsType<TaskCanceledException>(Assert.Single(summary.Failures).Exception);
        Assert.Single(summary.WrittenFiles);
    }

    [Fact]
    public void Two_exporters_writing_one_file_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new CompositeExporter([JsonReportExporter.Default, JsonReportExporter.Default]));

        Assert.Contains("'result.json'", error.Message);
    }

    /// <summary>Throws a cancellation: the caller's when <c>cancel</c> is given, otherwise one of its own (a timeout).</summary>
    private sealed class CancellingExporter(CancellationTokenSource? cancel) : ExporterBase
    {
        public override string Name => "cancelling";

        public override string FileName => "cancelling.txt";

        public override async ValueTask ExportAsync(RunResult result, Stream destination, CancellationToken cancellationToken = default)
        {
            if (cancel is null) throw new TaskCanceledException("The upload timed out.");
            await cancel.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
