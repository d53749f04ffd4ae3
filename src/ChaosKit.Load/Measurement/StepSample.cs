namespace ChaosKit.Load.Measurement;

/// <summary>How one run of a workflow step ended.</summary>
internal enum StepOutcome : byte
{
    /// <summary>Passed its checks, normal path.</summary>
    Ok,

    /// <summary>Passed its checks, marked with the fallback header.</summary>
    Fallback,

    /// <summary>A response that failed a check, a capture or the status rule.</summary>
    Failed,

    /// <summary>No complete answer within the client timeout.</summary>
    Timeout,

    /// <summary>Connection, protocol or template error.</summary>
    Error,

    /// <summary>Not run: an earlier step of the iteration failed.</summary>
    Skipped,
}

/// <summary>What one step of one iteration measured, as offsets from the run start.</summary>
/// <param name="Workflow">Workflow index in the scenario.</param>
/// <param name="Step">Step index in its workflow.</param>
/// <param name="IterationScheduled">The iteration's scheduled start: it files the step under a phase.</param>
/// <param name="Sent">When the step's request was handed to the client.</param>
/// <param name="FirstByte">When the first body byte of a streamed response arrived; <see langword="null"/> when not streamed.</param>
/// <param name="Ended">When the body was fully read or the step failed.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="StatusCode">HTTP status, or 0 when none arrived.</param>
/// <param name="Failure">Why it failed (a check's description, <c>timeout</c>, <c>error</c>); <see langword="null"/> when it passed or was skipped.</param>
internal readonly record struct StepSample(
    int Workflow, int Step, TimeSpan IterationScheduled, TimeSpan Sent, TimeSpan? FirstByte, TimeSpan Ended,
    StepOutcome Outcome, int StatusCode, string? Failure)
{
    /// <summary>A step not run because an earlier one failed.</summary>
    public static StepSample Skipped(int workflow, int step, TimeSpan scheduled) =>
        new(workflow, step, scheduled, scheduled, null, scheduled, StepOutcome.Skipped, 0, null);
}
