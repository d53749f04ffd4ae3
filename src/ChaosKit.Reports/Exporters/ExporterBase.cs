using ChaosKit.Core.Results;

namespace ChaosKit.Reports.Exporters;

/// <summary>
/// File handling shared by every format: a format supplies <see cref="Name"/>, <see cref="FileName"/> and
/// <see cref="ExportAsync"/>; this class writes into the run folder atomically.
/// </summary>
public abstract class ExporterBase : IReportExporter
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract string FileName { get; }

    /// <inheritdoc />
    public abstract ValueTask ExportAsync(RunResult result, Stream destination, CancellationToken cancellationToken = default);

    /// <inheritdoc />
    public ValueTask<string> ExportToDirectoryAsync(RunResult result, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return AtomicFile.WriteAsync(directory, FileName, (stream, ct) => ExportAsync(result, stream, ct), cancellationToken);
    }

    /// <summary>Returns <see cref="Name"/>.</summary>
    public override string ToString() => Name;
}
