using ChaosKit.Core.Expectations;
using ChaosKit.Core.Results;
using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Scoring;
using ChaosKit.Core.Timeline;
using ChaosKit.Load.Simulations;

namespace ChaosKit.Runner.Results;

/// <summary>
/// Joins what the load engine measured with what the fakes saw, phase by phase, then scores the run and checks
/// its expectations: the one place a <see cref="RunResult"/> is assembled.
/// </summary>
internal static class RunResultBuilder
{
    /// <summary>What the measuring parts of a run produced.</summary>
    internal sealed record Inputs(
        Scenario Scenario,
        RunTimeline Timeline,
        DateTimeOffset StartedAt,
        TimeSpan Duration,
        TargetInfo Target,
        IReadOnlyList<ProviderInfo> Providers,
        IReadOnlyList<PhaseStats> PhaseStats,
        PhaseStats Overall,
        IReadOnlyList<SecondBucket> Seconds,
        Func<int, ProviderCallStats> ProviderCallsInPhase,
        Func<FaultSpec, string> DescribeFault,
        IReadOnlyList<RunWarning> Warnings)
    {
        /// <summary>Each workflow step over the whole run; empty for the one-request load.</summary>
        public IReadOnlyList<StepStats> Steps { get; init; } = [];

        /// <summary>Each workflow step per phase (index = phase index).</summary>
        public IReadOnlyList<IReadOnlyList<StepStats>> PhaseSteps { get; init; } = [];

        /// <summary>Each workflow's own statistics.</summary>
        public IReadOnlyList<WorkflowResult> Workflows { get; init; } = [];
    }

    private static readonly PhaseStats EmptyStats = new(
        OutcomeCounts.Zero, LatencySummary.Empty, LatencySummary.Empty, LatencySummary.Empty, 0, new Dictionary<string, long>());

    public static RunResult Build(Inputs inputs)
    {
        var phases = inputs.Timeline.Phases
            .Select(p => new PhaseResult(
                p.Index,
                p.Name,
                p.Start.TotalSeconds,
                p.End.TotalSeconds,
                p.Spec.Faults.Select(inputs.DescribeFault).ToArray(),
                p.Index < inputs.PhaseStats.Count ? inputs.PhaseStats[p.Index] : EmptyStats,
                inputs.ProviderCallsInPhase(p.Index))
            {
                Steps = p.Index < inputs.PhaseSteps.Count ? inputs.PhaseSteps[p.Index] : [],
            })
            .ToArray();

        var load = inputs.Scenario.Load ?? throw new InvalidOperationException("A run's scenario has a load.");
        // The shorthand's inject lasts the scenario's (unscaled) timeline, as written.
        var unscaled = inputs.Timeline.ScenarioDuration;
        IReadOnlyList<LoadSimulation> Effective(IReadOnlyList<LoadSimulation> simulations, double rate, SourceLocation at) =>
            simulations.Count > 0 ? simulations : [InjectSimulation.Constant(rate, unscaled, at)];
        var profiles = load.Workflows.Count > 0
            ? load.Workflows.Select(w => (w.Name, Simulations: Effective(w.Simulations, w.RatePerSecond, w.Location))).ToArray()
            : [(LoadSpec.RequestWorkflowName, Effective(load.Simulations, load.RatePerSecond, load.Location))];
        var result = new RunResult
        {
            Scenario = new ScenarioInfo(inputs.Scenario.Name, inputs.Scenario.Description, inputs.Scenario.Seed, inputs.Scenario.SourcePath),
            StartedAt = inputs.StartedAt,
            Duration = inputs.Duration,
            TimeScale = inputs.Timeline.TimeScale,
            Target = inputs.Target,
            Providers = inputs.Providers,
            Load = new LoadInfo(load.RatePerSecond, load.MaxConcurrency, load.Timeout.TotalMilliseconds, load.Request.Method, load.Request.Path)
            {
                Profile = [.. profiles.Select(p => new WorkflowProfile(p.Name, [.. p.Simulations.Select(s => s.Describe())]))],
                Model = LoadSimulations.ModelOf(profiles[0].Simulations) == LoadModel.Closed ? "closed" : "open",
                Overload = load.Overload == OverloadPolicy.Grow ? "grow" : "drop",
            },
            Phases = phases,
            Overall = inputs.Overall,
            Seconds = inputs.Seconds,
            Score = DegradationScorer.Score(phases),
            Expectations = [],
            Warnings = inputs.Warnings,
            Steps = inputs.Steps,
            Workflows = inputs.Workflows,
        };
        return result with { Expectations = ExpectationEvaluator.Evaluate(inputs.Scenario.Expectations, result) };
    }
}
