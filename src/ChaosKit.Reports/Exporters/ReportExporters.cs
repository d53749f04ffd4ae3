using ChaosKit.Reports.Html;
using ChaosKit.Reports.Json;

namespace ChaosKit.Reports.Exporters;

/// <summary>The exporter sets ChaosKit ships.</summary>
public static class ReportExporters
{
    /// <summary>
    /// What a run writes unless told otherwise: <c>result.json</c> (the canonical, machine-read output) and
    /// <c>report.html</c> (for people).
    /// </summary>
    public static IReadOnlyList<IReportExporter> Default { get; } = [JsonReportExporter.Default, HtmlReportExporter.Default];
}
