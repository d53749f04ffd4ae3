namespace ChaosKit.Cli.Output;

/// <summary>
/// GitHub Actions' job summary: when <c>$GITHUB_STEP_SUMMARY</c> names a file, <c>run</c> appends its report.md to it and
/// <c>compare</c> its compare.md, so the verdict shows on the run's page. A summary that cannot be written is a warning;
/// it never changes the exit code or touches the run's own files.
/// </summary>
internal static class StepSummary
{
    /// <summary>The variable GitHub Actions sets to the step's summary file.</summary>
    public const string Variable = "GITHUB_STEP_SUMMARY";

    /// <summary>Appends the first of <paramref name="files"/> named <paramref name="fileName"/> to the summary file, if one is set.</summary>
    /// <returns>The summary file written to, or <see langword="null"/> when none is set, nothing was found to append, or writing failed.</returns>
    public static string? Append(IEnumerable<string> files, string fileName)
    {
        var summary = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(summary)) return null;
        var markdown = files.FirstOrDefault(f => string.Equals(Path.GetFileName(f), fileName, StringComparison.Ordinal));
        if (markdown is null) return null;
        try
        {
            var text = File.ReadAllText(markdown);
            // A blank line keeps it from running into what an earlier step wrote.
            var separator = File.Exists(summary) && new FileInfo(summary).Length > 0 ? "\n" : "";
            File.AppendAllText(summary, separator + text + (text.EndsWith('\n') ? "" : "\n"));
            return summary;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            ConsoleOutput.Warning($"could not append {fileName} to ${Variable} ({summary}): {e.Message}; the results are written as usual");
            return null;
        }
    }
}
