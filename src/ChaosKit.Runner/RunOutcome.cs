using ChaosKit.Core.Results;

namespace ChaosKit.Runner;

/// <summary>How a run ended.</summary>
/// <param name="ExitCode">One of <see cref="ExitCodes"/>.</param>
/// <param name="Result">What was measured; <see langword="null"/> when nothing ran (invalid input, failed start).</param>
/// <param name="OutputDirectory">Folder the files were written to, if any.</param>
/// <param name="Files">Files written.</param>
/// <param name="Error">The cause when the run did not complete normally: one line, or one line per problem of an invalid scenario.</param>
public sealed record RunOutcome(int ExitCode, RunResult? Result, string? OutputDirectory, IReadOnlyList<string> Files, string? Error)
{
    /// <summary>
    /// The reference run this one was compared with (<c>target.compare_with</c>): the same scenario, seed and traffic
    /// against another profile of the sample app; <see langword="null"/> for a single run.
    /// </summary>
    public RunOutcome? Reference { get; init; }
}
