using ChaosKit.Reports.Html;
using ChaosKit.Reports.Json;
using ChaosKit.Reports.JUnit;
using ChaosKit.Reports.Markdown;

namespace ChaosKit.Reports.Exporters;

/// <summary>The exporter sets ChaosKit ships.</summary>
public static class ReportExporters
{
    /// <summary>
    /// What a run writes unless told otherwise: <c>result.json</c> (the canonical, machine-read output),
    /// <c>report.html</c> (for people), <c>junit.xml</c> (for CI test reporters) and <c>report.md</c> (for pull
    /// requests and job summaries).
    /// </summary>
    public static IReadOnlyList<IReportExporter> Default { get; } =
        [JsonReportExporter.Default, HtmlReportExporter.Default, JUnitReportExporter.Default, MarkdownReportExporter.Default];
}
