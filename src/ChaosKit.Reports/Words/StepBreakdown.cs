using System.Diagnostics.CodeAnalysis;

namespace ChaosKit.Reports.Words;

/// <summary>When a report shows a run's steps one by one; every report and the console ask here.</summary>
public static class StepBreakdown
{
    /// <summary>
    /// Whether <paramref name="steps"/> break the run down: a run of one step (a one-request load) would only repeat
    /// the run's own figures, so it shows no step table.
    /// </summary>
    public static bool Shows<TStep>([NotNullWhen(true)] IReadOnlyCollection<TStep>? steps) => steps is { Count: > 1 };
}
