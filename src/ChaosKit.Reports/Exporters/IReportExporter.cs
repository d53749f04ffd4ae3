using ChaosKit.Core.Results;

namespace ChaosKit.Reports.Exporters;

/// <summary>
/// Turns a <see cref="RunResult"/> into one file format. Implementations hold no state between calls, so one
/// instance can export any number of runs. Derive from <see cref="ExporterBase"/> for the file handling.
/// </summary>
public interface IReportExporter
{
    /// <summary>Short name of the format, e.g. <c>json</c>; shown when an export fails.</summary>
    string Name { get; }

    /// <summary>Name of the file the exporter writes in a run folder, e.g. <c>result.json</c>.</summary>
    string FileName { get; }

    /// <summary>Writes the report for <paramref name="result"/> to <paramref name="destination"/>.</summary>
    /// <param name="result">The run to export.</param>
    /// <param name="destination">A writable stream; the exporter neither seeks nor closes it.</param>
    /// <param name="cancellationToken">Stops the export.</param>
    ValueTask ExportAsync(RunResult result, Stream destination, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the report as <see cref="FileName"/> in <paramref name="directory"/>, creating the folder when it
    /// is missing and replacing an older file of the same name only once the new one is complete.
    /// </summary>
    /// <param name="result">The run to export.</param>
    /// <param name="directory">The run folder.</param>
    /// <param name="cancellationToken">Stops the export; the folder is then left as it was.</param>
    /// <returns>The full path of the written file.</returns>
    ValueTask<string> ExportToDirectoryAsync(RunResult result, string directory, CancellationToken cancellationToken = default);
}
