using ChaosKit.Core.Results;
using ChaosKit.Core.Scenarios;
using ChaosKit.Load.Scheduling;
using ChaosKit.Load.Simulations;
using static ChaosKit.Load.Tests.Fixtures;

namespace ChaosKit.Load.Tests;

/// <summary>The stages LoadRunner composes, each alone: the plan and the diagnosis (the drive and the aggregate run in the runner tests).</summary>
public sealed class LoadStagesTests
{
    [Fact]
    public void A_one_request_load_plans_one_workflow_of_one_step_on_its_rate_over_the_scenario_timeline()
    {
        var plan = LoadPlan.Create(Spec(10, "/ok"), seed: 1, Clock(null, ("a", 2), ("b", 1)).Timeline);

        var lane = Assert.Single(plan.Lanes);
        Assert.Equal(("load", "request"), (lane.Workflow.Spec.Name, Assert.Single(lane.Workflow.Steps).Spec.Name));
        Assert.False(lane.Workflow.NeedsState);
        var inject = Assert.IsType<InjectSimulation>(Assert.Single(lane.Profile));
        Assert.Equal((10.0, TimeSpan.FromSeconds(3)), (inject.Rate, inject.During));
        Assert.Equal(30, plan.PlannedIterations);
        Assert.Equal(LoadModel.Open, plan.Model);
        var (workflow, steps) = Assert.Single(plan.StepNames);
        Assert.Equal("load", workflow);
        Assert.Equal(["request"], steps);
    }

    [Fact]
    public void Workflows_are_planned_each_on_its_own_profile_and_a_cut_iteration_count_is_kept_for_the_diagnosis()
    {
        StepSpec Step(string name) => new(name, Get("/ok"), [], [], SourceLocation.None);
        var spec = Spec(1, "/") with
        {
            Workflows =
            [
                new WorkflowSpec("a", 0, [Simulation.IterationsForInject(10, TimeSpan.FromSeconds(1), 50)], [], [Step("one"), Step("two")], SourceLocation.None),
                new WorkflowSpec("b", 4, [], [], [Step("only")], SourceLocation.None),
            ],
        };

        var plan = LoadPlan.Create(spec, seed: 1, Clock(2).Timeline);

        Assert.Equal(["a", "b"], plan.Lanes.Select(l => l.Workflow.Spec.Name));
        Assert.Equal(20 + 8, plan.PlannedIterations);
        Assert.Equal(30, plan.CutIterations); // 50 asked for, 20 fit in 2 s
        Assert.Equal(["one", "two"], plan.StepNames[0].Steps);
    }

    [Fact]
    public void The_diagnosis_turns_what_the_drive_saw_into_warnings_as_data()
    {
        var timeline = Clock(10).Timeline;
        var plan = LoadPlan.Create(Spec(1, "/ok"), seed: 1, timeline);
        var drive = new LoadDrive(ScheduleCompleted: false, Cutoff: TimeSpan.FromSeconds(4), DrainedInTime: false, DrainLimit: TimeSpan.FromSeconds(35),
            Abandoned: 3, CpuShare: 0.95, new Counts(Arrived: 100, Late: 0, OverCap: 7, Peak: 12));
        var overall = new PhaseStats(new OutcomeCounts(100, 90, 0, 0, 0, 0, 10), LatencySummary.Empty, LatencySummary.Empty, LatencySummary.Empty, 0, new Dictionary<string, long>());

        var warnings = LoadDiagnosis.Warnings(drive, overall, Spec(1, "/ok", maxConcurrency: 5), plan);

        Assert.Equal(
            [RunWarningCodes.DrainTimedOut, RunWarningCodes.RequestsAbandoned, RunWarningCodes.ArrivalsDropped, RunWarningCodes.OverCapStarts, RunWarningCodes.GeneratorCpuBound],
            warnings.Select(w => w.Code));
        Assert.Equal((10.0, 5.0), (warnings[2]["dropped"], warnings[2]["max_concurrency"]));
        Assert.Equal((7.0, 12.0), (warnings[3]["over_cap"], warnings[3]["peak_in_flight"]));
        Assert.False(drive.Completed);
    }

    /// <summary>A dispatcher's counts, as the diagnosis reads them after the drive.</summary>
    private sealed record Counts(long Arrived, long Late, long OverCap, int Peak) : ILoadDispatcher
    {
        public int InFlight => 0;

        public int PeakInFlight => Peak;

        public long LateArrivals => Late;

        public TimeSpan MaxLag => TimeSpan.Zero;

        public long OverCapStarts => OverCap;

        public Task Drained => Task.CompletedTask;

        public Task<bool> RunAsync(CancellationToken cancellationToken) => Task.FromResult(true);
    }
}
