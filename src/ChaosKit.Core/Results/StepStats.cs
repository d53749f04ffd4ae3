namespace ChaosKit.Core.Results;

/// <summary>One workflow step's statistics over a span of the run (a phase, or all of it).</summary>
/// <param name="Workflow">Workflow name.</param>
/// <param name="Step">Step name.</param>
/// <param name="Counts">How the step's runs ended, and how often it was skipped after an earlier step failed.</param>
/// <param name="Latency">From the step's send to the end of its body, over every run (passed or not).</param>
/// <param name="TimeToFirstByte">
/// From the step's send to the first byte of its body, for streamed responses (<c>text/event-stream</c> or chunked);
/// empty when the step never streamed.
/// </param>
/// <param name="StatusCodes">Count per HTTP status (<c>"none"</c> when no response came).</param>
/// <param name="Failures">Count per failure reason: the check that failed (e.g. <c>json $.id exists</c>), a capture not found, <c>timeout</c> or <c>error</c>.</param>
public sealed record StepStats(
    string Workflow,
    string Step,
    StepCounts Counts,
    LatencySummary Latency,
    LatencySummary TimeToFirstByte,
    IReadOnlyDictionary<string, long> StatusCodes,
    IReadOnlyDictionary<string, long> Failures)
{
    /// <summary>
    /// <see cref="Latency"/> over the runs that passed (ok or fallback): what a step latency expectation
    /// (<c>step.ask.p95</c>) reads. Empty when none passed.
    /// </summary>
    public LatencySummary ServedLatency { get; init; } = LatencySummary.Empty;

    /// <summary><see cref="Latency"/> over the runs that failed a check, timed out or errored. Empty when none did.</summary>
    public LatencySummary FailedLatency { get; init; } = LatencySummary.Empty;
}

/// <summary>How a step's runs ended.</summary>
/// <param name="Ok">Passed every check (a 2xx when it has no status check), normal path.</param>
/// <param name="Fallback">Passed, marked as served by the target's fallback path.</param>
/// <param name="Failed">A response that failed a check or had an error status.</param>
/// <param name="Timeout">No complete answer within the client timeout.</param>
/// <param name="Error">Connection, protocol or template error.</param>
/// <param name="Skipped">Not run, because an earlier step of its iteration failed.</param>
public sealed record StepCounts(long Ok, long Fallback, long Failed, long Timeout, long Error, long Skipped)
{
    /// <summary>Runs that sent a request (everything but skipped).</summary>
    public long Ran => Ok + Fallback + Failed + Timeout + Error;

    /// <summary>(Failed + timeout + error) ÷ ran; 0 when it never ran.</summary>
    public double FailedRate => Ran == 0 ? 0 : (double)(Failed + Timeout + Error) / Ran;

    /// <summary>(Ok + fallback) ÷ ran; 1 when it never ran.</summary>
    public double OkRate => Ran == 0 ? 1 : (double)(Ok + Fallback) / Ran;
}

/// <summary>One workflow's results (a one-request load runs as one workflow).</summary>
/// <param name="Name">Workflow name.</param>
/// <param name="Profile">Its load profile, as data.</param>
/// <param name="Overall">Its iterations over the whole run.</param>
/// <param name="Phases">Its iterations per timeline phase; index = phase index.</param>
/// <param name="Steps">Its steps over the whole run, in order.</param>
public sealed record WorkflowResult(
    string Name,
    IReadOnlyList<SimulationInfo> Profile,
    PhaseStats Overall,
    IReadOnlyList<PhaseStats> Phases,
    IReadOnlyList<StepStats> Steps);
