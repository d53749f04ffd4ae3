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
    public async ValueTask<string> ExportToDirectoryAsync(RunResult result, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);

        var folder = Directory.CreateDirectory(directory).FullName;
        var path = Path.Combine(folder, FileName);
        // The temporary file sits next to the target so the final move is a rename on the same volume: a reader
        // (or a CI artefact upload) sees either the old report or the complete new one, never half a file.
        var temp = Path.Combine(folder, $".{FileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                await ExportAsync(result, stream, cancellationToken);
                await stream.FlushAsync(cancellationToken);
            }
            File.Move(temp, path, overwrite: true);
            return path;
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Returns <see cref="Name"/>.</summary>
    public override string ToString() => Name;

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original failure is the one worth reporting.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
