using ChaosKit.Core.Results;
using ChaosKit.Reports.Exporters;
using ChaosKit.Reports.Json;

namespace ChaosKit.Runner;

/// <summary>
/// <c>chaoskit report</c>: renders every report of a run again from its <c>result.json</c> alone (after upgrading
/// ChaosKit, or when CI kept only that file): <c>report.html</c>, <c>report.md</c>, <c>junit.xml</c>, and
/// <c>result.json</c> itself in the current schema.
/// </summary>
public static class ReportRenderer
{
    /// <summary>Reads the result at <paramref name="input"/> and writes every report into <paramref name="outputDirectory"/>.</summary>
    /// <param name="input">A run folder or its <c>result.json</c>.</param>
    /// <param name="outputDirectory">Where to write; <see langword="null"/> for the run folder (the result's own).</param>
    /// <param name="ct">Stops the reading and writing.</param>
    /// <returns>
    /// Exit code 0 with the files written; <see cref="ExitCodes.InvalidInput"/> for a result that cannot be read or a
    /// folder that cannot be written; <see cref="ExitCodes.HarnessFailure"/> when a report failed to write (the
    /// others are written).
    /// </returns>
    public static async Task<RenderOutcome> RenderAsync(string input, string? outputDirectory, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        string file;
        RunResult result;
        try
        {
            file = RunResultReader.Locate(input);
            result = await RunResultReader.ReadAsync(file, ct);
        }
        catch (ResultFileException e)
        {
            return new RenderOutcome(ExitCodes.InvalidInput, null, null, [], e.Message);
        }

        var runFolder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        var output = outputDirectory ?? runFolder;
        try
        {
            OutputFolder.Prepare(output, outputDirectory is null ? $"the run folder {runFolder}" : $"--out {output}", journalBytes: 0, reserveBytes: 0).Dispose();
        }
        catch (OutputFolderException e)
        {
            return new RenderOutcome(ExitCodes.InvalidInput, result, null, [], e.Message);
        }

        // result.json as it was read, normalised to the current schema; the pages link to the run's files from where they are written.
        var json = await ExportAsync([JsonReportExporter.Default], result, output, ct);
        var pages = await ExportAsync(ReportExporters.Default.Where(e => e.FileName != JsonReportExporter.Default.FileName),
            LinkedFrom(result, runFolder, output), output, ct);
        var written = new ExportSummary([.. json.WrittenFiles, .. pages.WrittenFiles], [.. json.Failures, .. pages.Failures]);
        return written.Succeeded
            ? new RenderOutcome(ExitCodes.Passed, result, output, written.WrittenFiles, null)
            : new RenderOutcome(ExitCodes.HarnessFailure, result, output, written.WrittenFiles,
                $"the reports could not all be written to {output}: {string.Join("; ", written.Failures)}");
    }

    private static Task<ExportSummary> ExportAsync(IEnumerable<IReportExporter> exporters, RunResult result, string folder, CancellationToken ct) =>
        new CompositeExporter(exporters).ExportToDirectoryAsync(result, folder, ct);

    /// <summary>
    /// <paramref name="result"/> with its files (the target's log, the call journal) named from <paramref name="output"/>,
    /// where they are in <paramref name="runFolder"/>; a file that is not there is not linked.
    /// </summary>
    internal static RunResult LinkedFrom(RunResult result, string runFolder, string output) => result with
    {
        Target = result.Target with { Log = Link(result.Target.Log, runFolder, output) },
        Journal = Link(result.Journal, runFolder, output),
    };

    private static string? Link(string? name, string runFolder, string output)
    {
        if (name is null) return null;
        var file = Path.GetFullPath(Path.Combine(runFolder, name));
        return File.Exists(file) ? Path.GetRelativePath(Path.GetFullPath(output), file).Replace('\\', '/') : null;
    }
}

/// <summary>What <c>chaoskit report</c> did.</summary>
/// <param name="ExitCode">One of <see cref="ExitCodes"/>.</param>
/// <param name="Result">The run that was read; <see langword="null"/> when it could not be.</param>
/// <param name="OutputDirectory">The folder written to; <see langword="null"/> when nothing was.</param>
/// <param name="Files">The files written.</param>
/// <param name="Error">One line saying what went wrong, if anything.</param>
public sealed record RenderOutcome(int ExitCode, RunResult? Result, string? OutputDirectory, IReadOnlyList<string> Files, string? Error);
