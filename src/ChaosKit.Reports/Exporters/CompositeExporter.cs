using ChaosKit.Core.Results;

namespace ChaosKit.Reports.Exporters;

/// <summary>
/// Runs several exporters into one run folder. A failing exporter is recorded and the others still run, so a
/// bug in one format never costs the team the other reports; cancellation stops the whole export.
/// </summary>
public sealed class CompositeExporter
{
    /// <summary>Creates a composite over <paramref name="exporters"/>, which run in the order given.</summary>
    /// <param name="exporters">The formats to write; their file names must differ.</param>
    /// <exception cref="ArgumentException">Two exporters write the same file name.</exception>
    public CompositeExporter(IEnumerable<IReportExporter> exporters)
    {
        ArgumentNullException.ThrowIfNull(exporters);
        Exporters = [.. exporters];

        // Two formats writing one file would silently overwrite each other; say so when the list is built.
        var clash = Exporters
            .GroupBy(e => e.FileName, StringComparer.OrdinalIgnoreCase)
            .FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new ArgumentException(
                $"Exporters {string.Join(", ", clash.Select(e => $"'{e.Name}'"))} all write '{clash.Key}'.", nameof(exporters));
        }
    }

    /// <summary>A composite over <see cref="ReportExporters.Default"/>.</summary>
    public static CompositeExporter Default { get; } = new(ReportExporters.Default);

    /// <summary>The exporters, in the order they run.</summary>
    public IReadOnlyList<IReportExporter> Exporters { get; }

    /// <summary>Writes every exporter's file into <paramref name="directory"/>.</summary>
    /// <param name="result">The run to export.</param>
    /// <param name="directory">The run folder; created when missing.</param>
    /// <param name="cancellationToken">Stops the export; the exception propagates.</param>
    /// <returns>The files written and the exporters that failed.</returns>
    public async Task<ExportSummary> ExportToDirectoryAsync(RunResult result, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);

        var written = new List<string>(Exporters.Count);
        var failures = new List<ExportFailure>();
        foreach (var exporter in Exporters)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                written.Add(await exporter.ExportToDirectoryAsync(result, directory, cancellationToken));
            }
            // Only the caller's cancellation ends the loop; a timeout inside one exporter is that exporter's failure.
            catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                failures.Add(new ExportFailure(exporter.Name, exporter.FileName, ex));
            }
        }
        return new ExportSummary(written, failures);
    }
}

/// <summary>What a <see cref="CompositeExporter"/> wrote.</summary>
/// <param name="WrittenFiles">Full paths of the files written, in exporter order.</param>
/// <param name="Failures">The exporters that failed, with their exceptions.</param>
public sealed record ExportSummary(IReadOnlyList<string> WrittenFiles, IReadOnlyList<ExportFailure> Failures)
{
    /// <summary>True when every exporter wrote its file.</summary>
    public bool Succeeded => Failures.Count == 0;
}

/// <summary>One exporter's failure.</summary>
/// <param name="Exporter">The exporter's <see cref="IReportExporter.Name"/>.</param>
/// <param name="FileName">The file it was writing.</param>
/// <param name="Exception">What went wrong.</param>
public sealed record ExportFailure(string Exporter, string FileName, Exception Exception)
{
    /// <summary>One line for a console or log, e.g. <c>html (report.html): Disk full</c>.</summary>
    public override string ToString() => $"{Exporter} ({FileName}): {Exception.Message}";
}
