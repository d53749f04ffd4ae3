using ChaosKit.Load.Scheduling;

namespace ChaosKit.Load.Execution;

/// <summary>
/// Runs one iteration and records its sample. v1 sends one HTTP request; multi-step workflows with checks
/// implement the same interface, and the schedulers stay as they are.
/// </summary>
internal interface IIterationExecutor
{
    /// <summary>
    /// Runs the iteration of <paramref name="arrival"/>. Must not throw, and must end soon after
    /// <paramref name="runToken"/> is cancelled.
    /// </summary>
    Task ExecuteAsync(Arrival arrival, CancellationToken runToken);
}
