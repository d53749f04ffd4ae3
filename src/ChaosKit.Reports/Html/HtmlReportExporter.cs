using System.Text;
using ChaosKit.Core.Results;
using ChaosKit.Reports.Exporters;
using ChaosKit.Reports.Json.Dto;

namespace ChaosKit.Reports.Html;

/// <summary>
/// Writes <c>report.html</c>: one self-contained page for a team reviewing an outage rehearsal. Tables are
/// rendered here, so the numbers read without JavaScript; the charts (uPlot, inlined) draw from the result JSON
/// embedded in the page. Nothing is loaded from the network, so the file opens offline and from CI artefacts.
/// </summary>
public sealed class HtmlReportExporter : ExporterBase
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private HtmlReportExporter()
    {
    }

    /// <summary>The exporter writing <c>report.html</c>.</summary>
    public static HtmlReportExporter Default { get; } = new();

    /// <inheritdoc />
    public override string Name => "html";

    /// <inheritdoc />
    public override string FileName => "report.html";

    /// <inheritdoc />
    public override async ValueTask ExportAsync(RunResult result, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(destination);

        // The page is a few hundred KB: build it in memory, then write it asynchronously in one go.
        var html = HtmlReportRenderer.Render(RunResultDto.From(result));
        await using var writer = new StreamWriter(destination, Utf8NoBom, bufferSize: 64 * 1024, leaveOpen: true);
        await writer.WriteAsync(html.AsMemory(), cancellationToken);
        await writer.FlushAsync(cancellationToken);
    }
}
