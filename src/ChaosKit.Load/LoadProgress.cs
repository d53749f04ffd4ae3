namespace ChaosKit.Load;

/// <summary>A cheap snapshot of a running load, for a live console polling a few times a second.</summary>
/// <param name="Elapsed">Time since the run clock started; zero before.</param>
/// <param name="Phase">The timeline phase running now; <see langword="null"/> before the start and while draining.</param>
/// <param name="Scheduled">Arrivals the schedule has reached so far (started or dropped).</param>
/// <param name="Ok">Iterations answered normally.</param>
/// <param name="Fallback">Iterations answered from the target's fallback path.</param>
/// <param name="Failed">Iterations answered with an error status.</param>
/// <param name="Timeout">Iterations that timed out.</param>
/// <param name="Error">Iterations that ended in a connection or protocol error.</param>
/// <param name="Dropped">Arrivals dropped at the concurrency cap.</param>
/// <param name="InFlight">Requests running now.</param>
/// <param name="RecentPerSecond">Iterations that ended during the last full second.</param>
/// <param name="RecentP95Ms">95th percentile of latency from scheduled start over iterations that ended in the last few seconds.</param>
public sealed record LoadProgress(
    TimeSpan Elapsed,
    string? Phase,
    long Scheduled,
    long Ok,
    long Fallback,
    long Failed,
    long Timeout,
    long Error,
    long Dropped,
    int InFlight,
    double RecentPerSecond,
    double RecentP95Ms)
{
    /// <summary>Each workflow step's figures so far, workflow by workflow, step by step; empty for a run of one step (a one-request load), whose figures are the run's.</summary>
    public IReadOnlyList<StepProgress> Steps { get; init; } = [];

    /// <summary>The snapshot of a run that has not started.</summary>
    public static LoadProgress NotStarted { get; } = new(TimeSpan.Zero, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
