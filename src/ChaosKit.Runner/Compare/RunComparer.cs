using ChaosKit.Core.Results;
using ChaosKit.Reports.Compare;
using ChaosKit.Reports.Json;

namespace ChaosKit.Runner.Compare;

/// <summary>
/// <c>chaoskit compare</c>: reads two runs' <c>result.json</c>, compares the new one with the base (<see cref="RunComparison"/>),
/// checks the <c>--fail-on</c> rules, and writes <c>compare.html</c> and <c>compare.md</c>.
/// </summary>
/// <remarks>
/// The runs must be of one scenario (the same name) with the same phases, by name and in order; a phase's length, the
/// seed, the time scale and the load may differ, and the comparison says so. Runs of other phases are refused rather
/// than matched by name: the score is a weighted mean over the phases, so it would not compare.
/// </remarks>
public static class RunComparer
{
    /// <summary>Compares the runs <paramref name="options"/> names.</summary>
    /// <returns>
    /// Exit code 0 when no rule held, <see cref="ExitCodes.ExpectationFailed"/> (1) when one did,
    /// <see cref="ExitCodes.InvalidInput"/> (2) for a result that cannot be read, runs that do not compare, a bad rule or
    /// an output folder that cannot be written, <see cref="ExitCodes.HarnessFailure"/> (3) when a file failed to write.
    /// </returns>
    public static async Task<CompareOutcome> CompareAsync(CompareOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        string baseFile, newFile;
        RunResult b, n;
        try
        {
            baseFile = RunResultReader.Locate(options.BasePath);
            newFile = RunResultReader.Locate(options.NewPath);
            b = await RunResultReader.ReadAsync(baseFile, ct);
            n = await RunResultReader.ReadAsync(newFile, ct);
        }
        catch (ResultFileException e)
        {
            return Invalid(e.Message);
        }
        if (Mismatch(baseFile, b, newFile, n) is { } mismatch) return Invalid(mismatch);

        var phases = b.Phases.Select(p => p.Name).ToArray();
        var steps = b.Steps.Concat(n.Steps).Select(s => (s.Workflow, s.Step)).Distinct().ToArray();
        var components = new[] { b, n }
            .SelectMany(r => r.Score.Components.Concat(r.Score.Phases.SelectMany(p => p.Components)))
            .Select(c => c.Name).Distinct(StringComparer.Ordinal).ToArray();
        var rules = new List<FailOnRule>();
        var problems = new List<string>();
        foreach (var text in options.FailOn)
        {
            try
            {
                rules.Add(FailOnRule.Parse(text, phases, steps, components));
            }
            catch (FailOnException e)
            {
                problems.Add(e.Message);
            }
        }
        if (problems.Count > 0) return Invalid(string.Join('\n', problems));

        var newFolder = Path.GetDirectoryName(Path.GetFullPath(newFile))!;
        var output = options.OutputDirectory ?? newFolder;
        try
        {
            OutputFolder.Prepare(output, options.OutputDirectory is null ? $"the new run's folder {newFolder}" : $"--out {output}", journalBytes: 0, reserveBytes: 0).Dispose();
        }
        catch (OutputFolderException e)
        {
            return Invalid(e.Message);
        }

        var comparison = RunComparison.Of(
            Side(options.BasePath, baseFile, b, output), Side(options.NewPath, newFile, n, output), [.. rules.Select(r => r.Evaluate(b, n))]);
        IReadOnlyList<string> files;
        try
        {
            files = await CompareReport.WriteAsync(comparison, output, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new CompareOutcome(ExitCodes.HarnessFailure, comparison, output, [], $"cannot write the comparison to {output}: {OutputFolder.Reason(e)}");
        }
        return new CompareOutcome(comparison.Failed ? ExitCodes.ExpectationFailed : ExitCodes.Passed, comparison, output, files, null);
    }

    private static CompareOutcome Invalid(string error) => new(ExitCodes.InvalidInput, null, null, [], error);

    /// <summary>Why the runs do not compare, or <see langword="null"/> when they do.</summary>
    private static string? Mismatch(string baseFile, RunResult b, string newFile, RunResult n)
    {
        if (b.Scenario.Name != n.Scenario.Name)
        {
            return $"the runs are of different scenarios: {baseFile} ran '{b.Scenario.Name}', {newFile} ran '{n.Scenario.Name}'; " +
                "compare two runs of one scenario";
        }
        var basePhases = b.Phases.Select(p => p.Name).ToArray();
        var newPhases = n.Phases.Select(p => p.Name).ToArray();
        return basePhases.SequenceEqual(newPhases, StringComparer.Ordinal) ? null
            : $"the runs have different phases: {baseFile} ran {string.Join(", ", basePhases)}; {newFile} ran {string.Join(", ", newPhases)}; " +
              "compare two runs of the same timeline (the phases' names, in order; their lengths may differ)";
    }

    // The run as the comparison names it (as given, without a trailing separator), with a link to its report.html when it has one.
    private static ComparedRun Side(string given, string file, RunResult result, string output)
    {
        var label = given.TrimEnd('/', Path.DirectorySeparatorChar);
        var report = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, "report.html");
        return new ComparedRun(label.Length == 0 ? given : label, result,
            File.Exists(report) ? Path.GetRelativePath(Path.GetFullPath(output), report).Replace('\\', '/') : null);
    }
}

/// <summary>What <c>chaoskit compare</c> compares, as its arguments say it.</summary>
/// <param name="BasePath">The base run: a run folder or its <c>result.json</c>.</param>
/// <param name="NewPath">The new run: a run folder or its <c>result.json</c>.</param>
public sealed record CompareOptions(string BasePath, string NewPath)
{
    /// <summary>Where to write <c>compare.html</c> and <c>compare.md</c>; <see langword="null"/> for the new run's folder.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>The <c>--fail-on</c> rules, each <c>METRIC OP CHANGE</c> (<see cref="FailOnRule"/>).</summary>
    public IReadOnlyList<string> FailOn { get; init; } = [];
}

/// <summary>What <c>chaoskit compare</c> did.</summary>
/// <param name="ExitCode">One of <see cref="ExitCodes"/>.</param>
/// <param name="Comparison">The comparison; <see langword="null"/> when the runs could not be compared.</param>
/// <param name="OutputDirectory">Where the files went; <see langword="null"/> when nothing was written.</param>
/// <param name="Files">The files written.</param>
/// <param name="Error">What went wrong: one line, or one per bad <c>--fail-on</c> rule.</param>
public sealed record CompareOutcome(int ExitCode, RunComparison? Comparison, string? OutputDirectory, IReadOnlyList<string> Files, string? Error);
