using ChaosKit.Core.Results;
using ChaosKit.Core.Scenarios;

namespace ChaosKit.Load;

/// <summary>Everything one load run measured, ready for the result model.</summary>
/// <param name="Phases">Statistics per timeline phase, by the scheduled start of each iteration; index = phase index.</param>
/// <param name="Overall">The whole run as one span.</param>
/// <param name="Seconds">One bucket per second of the run, by scheduled start, from second 0; empty seconds included.</param>
/// <param name="Warnings">Things the reader should know, such as the generator falling behind or the run being cut short.</param>
/// <param name="Completed">
/// True when the whole schedule ran and every started request ended; false when the run was cancelled or requests
/// had to be abandoned, in which case the statistics cover what was measured until then.
/// </param>
/// <param name="Duration">From the clock's start until the last request ended (or was abandoned).</param>
public sealed record LoadMeasurements(
    IReadOnlyList<PhaseStats> Phases,
    PhaseStats Overall,
    IReadOnlyList<SecondBucket> Seconds,
    IReadOnlyList<RunWarning> Warnings,
    bool Completed,
    TimeSpan Duration)
{
    /// <summary>The load model the profiles ran (<see cref="LoadModel.Open"/> or <see cref="LoadModel.Closed"/>).</summary>
    public required LoadModel Model { get; init; }

    /// <summary>Run time the schedule covered: the timeline's length, or up to the moment the run was stopped.</summary>
    public TimeSpan Cutoff { get; init; }

    /// <summary>Each workflow step over the whole run, workflow by workflow (a one-request load has one step, <see cref="LoadSpec.RequestStepName"/>).</summary>
    public IReadOnlyList<StepStats> Steps { get; init; } = [];

    /// <summary>Each workflow step per phase (index = phase index).</summary>
    public IReadOnlyList<IReadOnlyList<StepStats>> PhaseSteps { get; init; } = [];

    /// <summary>Each workflow's own statistics and profile (a one-request load has one, <see cref="LoadSpec.RequestWorkflowName"/>).</summary>
    public IReadOnlyList<WorkflowResult> Workflows { get; init; } = [];

    /// <summary>
    /// Per phase (index = phase index), a few example requests, the slowest served and the first failed, with the trace
    /// id each was sent with, for the result to join with the provider calls they caused.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<TracedRequest>> PhaseExamples { get; init; } = [];
}
