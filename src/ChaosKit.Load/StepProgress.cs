namespace ChaosKit.Load;

/// <summary>One workflow step's figures so far, for a live console.</summary>
/// <param name="Workflow">The workflow's name.</param>
/// <param name="Step">The step's name.</param>
/// <param name="Ran">Times the step sent its request (skips not counted).</param>
/// <param name="Ok">Runs that passed their checks on the normal path.</param>
/// <param name="Fallback">Runs that passed their checks, marked as served by the fallback path.</param>
/// <param name="Failed">Runs that failed a check, a capture or the status rule.</param>
/// <param name="Timeout">Runs that timed out.</param>
/// <param name="Error">Runs that ended in a connection, protocol or template error.</param>
/// <param name="Skipped">Times the step was not run because an earlier step of its iteration failed.</param>
/// <param name="RecentP95Ms">
/// 95th percentile of the step's latency (send to end of body) over runs that ended in the last few seconds;
/// 0 when none did.
/// </param>
/// <param name="RecentRuns">Runs that ended in the last few seconds: the number <paramref name="RecentP95Ms"/> stands on.</param>
public sealed record StepProgress(
    string Workflow,
    string Step,
    long Ran,
    long Ok,
    long Fallback,
    long Failed,
    long Timeout,
    long Error,
    long Skipped,
    double RecentP95Ms,
    long RecentRuns)
{
    /// <summary>Runs that failed in any way: failed, timeout or error.</summary>
    public long Failures => Failed + Timeout + Error;
}
