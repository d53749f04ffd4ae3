using ChaosKit.Load.Scheduling;

namespace ChaosKit.Load.Execution;

/// <summary>
/// Runs one iteration and records its sample. <see cref="HttpIterationExecutor"/> sends one HTTP request;
/// <see cref="Workflows.WorkflowExecutor"/> runs a workflow's steps. The schedulers do not care which.
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
