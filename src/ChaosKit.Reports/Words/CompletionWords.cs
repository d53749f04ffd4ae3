using ChaosKit.Core.Results;

namespace ChaosKit.Reports.Words;

/// <summary>
/// Puts how a run ended (<see cref="RunCompletion"/>) into words. Every report format and the console word it here, so
/// they all say the same thing; a status this version does not know is shown with its numbers.
/// </summary>
public static class CompletionWords
{
    /// <summary>The sentence for <paramref name="completion"/>, e.g. why and when the run stopped early.</summary>
    public static string Of(RunCompletion completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        var c = completion;
        var when = When(c);
        var cause = c.Cause is { Length: > 0 } text ? $": {text}" : "";
        const string Partial = "the results measured until then are scored and written, and what it did not reach has no data.";
        return c.Status switch
        {
            RunCompletionStatus.Complete => "The run completed: the whole timeline ran.",
            RunCompletionStatus.Cancelled => $"The run was cancelled {when}; {Partial}",
            RunCompletionStatus.TargetDied => $"The target died {when}{cause}. The load was stopped; {Partial}",
            RunCompletionStatus.HarnessError => $"ChaosKit itself failed {when}{cause}. The load was stopped; {Partial}",
            _ => c.Numbers.Count == 0 ? c.Status : $"{c.Status}: {string.Join(", ", c.Numbers.Select(n => F($"{n.Key} {n.Value}")))}",
        };
    }

    /// <summary>A few words for a label, e.g. <c>target died in outage</c> or <c>complete</c>.</summary>
    public static string Short(RunCompletion completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        var where = completion.Phase is { } phase ? $" in {phase}" : "";
        return completion.Status switch
        {
            RunCompletionStatus.Complete => "complete",
            RunCompletionStatus.Cancelled => $"cancelled{where}",
            RunCompletionStatus.TargetDied => $"target died{where}",
            RunCompletionStatus.HarnessError => $"harness error{where}",
            _ => completion.Status.Replace('_', ' '),
        };
    }

    // "in phase 'outage', 3.2 s into the 4.5 s timeline", or "before the run clock started".
    private static string When(RunCompletion c)
    {
        var into = F($"{c["at_seconds"]:0.0} s into the {c["timeline_seconds"]:0.0} s timeline");
        if (c.Phase is { } phase) return $"in phase '{phase}', {into}";
        return c["at_seconds"] > 0 ? into : "before the run clock started";
    }

    private static string F(FormattableString text) => Format.Sentence(text);
}
