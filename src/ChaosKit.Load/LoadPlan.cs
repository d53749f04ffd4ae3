using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using ChaosKit.Load.Simulations;
using ChaosKit.Load.Workflows;

namespace ChaosKit.Load;

/// <summary>
/// Stage one of a run: every workflow of the load (a one-request load's one workflow too) compiled, with its profile
/// laid out on the run's time. It trusts a validated spec (the loader's checks, <see cref="LoadRunner.Validate"/>)
/// and renders nothing yet.
/// </summary>
internal sealed class LoadPlan
{
    private LoadPlan(IReadOnlyList<Lane> lanes) => Lanes = lanes;

    /// <summary>The workflows in scenario order, each with its profile and schedule.</summary>
    public IReadOnlyList<Lane> Lanes { get; }

    /// <summary>
    /// Iterations the schedules will start (or drop): exact for an open profile and for <c>iterations_for_constant</c>;
    /// 0 for other closed profiles, whose count depends on how fast the target answers.
    /// </summary>
    public long PlannedIterations => Lanes.Sum(l => l.Schedule.Open?.Count ?? l.Schedule.Closed?.IterationBudget ?? 0);

    /// <summary>The load model of the profiles.</summary>
    public LoadModel Model => Lanes[0].Schedule.Open is null ? LoadModel.Closed : LoadModel.Open;

    /// <summary>Iterations an <c>iterations_for_inject</c> asked for that the timeline was too short to schedule.</summary>
    public long CutIterations => Lanes.Sum(l => l.Schedule.CutIterations);

    /// <summary>Each workflow's name and its steps' names, in order, for the aggregate.</summary>
    public IReadOnlyList<(string Workflow, IReadOnlyList<string> Steps)> StepNames =>
        [.. Lanes.Select(l => (l.Workflow.Spec.Name, (IReadOnlyList<string>)[.. l.Workflow.Spec.Steps.Select(s => s.Name)]))];

    /// <summary>Compiles <paramref name="spec"/>'s workflows and lays out their profiles over <paramref name="timeline"/>.</summary>
    /// <exception cref="ScenarioException">A request template cannot be compiled.</exception>
    public static LoadPlan Create(LoadSpec spec, int seed, RunTimeline timeline) =>
        new([.. CompiledWorkflow.CompileAll(spec, seed).Select(workflow =>
        {
            var w = workflow.Spec;
            // The rate shorthand's inject lasts the scenario's timeline; the plan scales it and cuts it at the scaled end.
            var profile = SimulationPlan.Effective(w.Simulations, w.RatePerSecond, timeline.ScenarioDuration, w.Location);
            return new Lane(workflow, profile, SimulationPlan.Create(profile, timeline, workflow.Seed));
        })]);

    /// <summary>One workflow, the profile it runs (the rate shorthand as its inject) and that profile laid out.</summary>
    /// <param name="Workflow">The compiled workflow.</param>
    /// <param name="Profile">Its simulations.</param>
    /// <param name="Schedule">Its open schedule or closed plan.</param>
    public sealed record Lane(CompiledWorkflow Workflow, IReadOnlyList<LoadSimulation> Profile, SimulationPlan Schedule);
}
