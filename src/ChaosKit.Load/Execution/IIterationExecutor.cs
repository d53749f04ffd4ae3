using ChaosKit.Load.Scheduling;

namespace ChaosKit.Load.Execution;

/// <summary>
/// Runs one iteration and records its samples (<see cref="Workflows.WorkflowExecutor"/>, for every load). The
/// dispatchers only start iterations through it.
/// </summary>
internal interface IIterationExecutor
{
    /// <summary>
    /// Runs the iteration of <paramref name="arrival"/>. Must not throw, and must end soon after
    /// <paramref name="runToken"/> is cancelled.
    /// </summary>
    Task ExecuteAsync(Arrival arrival, CancellationToken runToken);

    /// <summary>Iterations cancelled by the run before they ended (not recorded in any outcome).</summary>
    long Abandoned => 0;
}
