using System.Text.Json;
using ChaosKit.Core.Results;
using ChaosKit.Reports.Exporters;
using ChaosKit.Reports.Json.Dto;

namespace ChaosKit.Reports.Json;

/// <summary>
/// Writes <c>result.json</c>: the canonical, machine-readable output of a run. The file has its own versioned
/// schema (<c>schemaVersion</c>), camelCase names, and units in field names (<c>durationSeconds</c>, <c>p95Ms</c>).
/// </summary>
public sealed class JsonReportExporter : ExporterBase
{
    private JsonReportExporter()
    {
    }

    /// <summary>The exporter writing indented <c>result.json</c>.</summary>
    public static JsonReportExporter Default { get; } = new();

    /// <summary>The file schema version this exporter writes.</summary>
    public static int SchemaVersion => RunResultDto.CurrentSchemaVersion;

    /// <inheritdoc />
    public override string Name => "json";

    /// <inheritdoc />
    public override string FileName => "result.json";

    /// <inheritdoc />
    public override async ValueTask ExportAsync(RunResult result, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(destination);
        await JsonSerializer.SerializeAsync(destination, RunResultDto.From(result), ReportJson.File, cancellationToken);
        await destination.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }
}
