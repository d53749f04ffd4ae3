using ChaosKit.Core.Timeline;

namespace ChaosKit.Core.Results;

/// <summary>
/// How a run ended, as data: whether the whole timeline ran, and if not why it stopped (<see cref="Status"/>, one of
/// <see cref="RunCompletionStatus"/>), where (<see cref="Phase"/>) and when (<see cref="Numbers"/>). A run that did
/// not complete does not pass, whatever its expectations say. Exporters and the console put it into words.
/// </summary>
/// <param name="Status">How it ended, e.g. <c>target_died</c>.</param>
/// <param name="Numbers">
/// The values behind it, keyed in snake_case: for a run that stopped early <c>at_seconds</c> (run time it stopped, or
/// the target died, on the scaled clock) and <c>timeline_seconds</c>; for a target that died, <c>exit_code</c> (a
/// process ChaosKit started) or <c>missed_probes</c> (health probes in a row that got no answer).
/// </param>
public sealed record RunCompletion(string Status, IReadOnlyDictionary<string, double> Numbers)
{
    /// <summary>The whole timeline ran.</summary>
    public static RunCompletion Complete { get; } = new(RunCompletionStatus.Complete, new Dictionary<string, double>());

    /// <summary>The phase running when the run stopped; <see langword="null"/> when it completed or stopped before the clock started.</summary>
    public string? Phase { get; init; }

    /// <summary>
    /// What the harness saw, in the words of what failed (the target's exit code and last output, the probe's error);
    /// <see langword="null"/> when there is nothing to add.
    /// </summary>
    public string? Cause { get; init; }

    /// <summary>True when the whole timeline ran.</summary>
    public bool IsComplete => Status == RunCompletionStatus.Complete;

    /// <summary>The value named <paramref name="name"/>, or <see cref="double.NaN"/> when it does not carry it.</summary>
    public double this[string name] => Numbers.TryGetValue(name, out var value) ? value : double.NaN;

    /// <summary>
    /// A run that stopped early with <paramref name="status"/> at run time <paramref name="at"/> of
    /// <paramref name="timeline"/>: the phase and the numbers follow from the time.
    /// </summary>
    /// <param name="status">One of <see cref="RunCompletionStatus"/> but <c>complete</c>.</param>
    /// <param name="timeline">The run's timeline.</param>
    /// <param name="at">Run time it stopped; negative before the clock started.</param>
    /// <param name="numbers">More numbers, e.g. <c>exit_code</c>.</param>
    public static RunCompletion StoppedAt(string status, RunTimeline timeline, TimeSpan at, params (string Name, double Value)[] numbers)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var values = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["at_seconds"] = Math.Max(0, at.TotalSeconds),
            ["timeline_seconds"] = timeline.Duration.TotalSeconds,
        };
        foreach (var (name, value) in numbers) values[name] = value;
        return new RunCompletion(status, values) { Phase = timeline.PhaseAt(at)?.Name };
    }
}

/// <summary>The statuses a <see cref="RunCompletion"/> can carry.</summary>
public static class RunCompletionStatus
{
    /// <summary>The whole timeline ran and every request was waited for.</summary>
    public const string Complete = "complete";

    /// <summary>The run was stopped by the user (Ctrl+C): <c>at_seconds</c>, <c>timeline_seconds</c>.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>
    /// The target died during the run (its process exited, or it stopped answering health probes); the load was
    /// stopped: <c>at_seconds</c> (when it died), <c>timeline_seconds</c>, and <c>exit_code</c> or <c>missed_probes</c>.
    /// </summary>
    public const string TargetDied = "target_died";

    /// <summary>ChaosKit itself failed during the run: <c>at_seconds</c>, <c>timeline_seconds</c>.</summary>
    public const string HarnessError = "harness_error";
}
