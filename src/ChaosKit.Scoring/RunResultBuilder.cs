using ChaosKit.Core.Results;
using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using ChaosKit.Scoring.Expectations;

namespace ChaosKit.Scoring;

/// <summary>
/// Joins what the load engine measured with what the fakes saw, phase by phase, then scores the run and checks
/// its expectations: the one place a <see cref="RunResult"/> is assembled.
/// </summary>
public static class RunResultBuilder
{
    /// <summary>What the measuring parts of a run produced.</summary>
    /// <param name="Scenario">The scenario that ran, with the run's overrides applied.</param>
    /// <param name="Timeline">The run's timeline (phases and time scale).</param>
    /// <param name="StartedAt">When the run clock started.</param>
    /// <param name="Duration">From the clock start to the last response.</param>
    /// <param name="Target">The application under test.</param>
    /// <param name="Providers">The fakes and where they listened.</param>
    /// <param name="PhaseStats">The load's statistics per phase (index = phase index).</param>
    /// <param name="Overall">The load's statistics over the whole run.</param>
    /// <param name="Seconds">Outcomes per second of the run.</param>
    /// <param name="ProviderCallsInPhase">The calls the fakes received in a phase, by phase index.</param>
    /// <param name="Warnings">What the reader should know that does not fail the run.</param>
    public sealed record Inputs(
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
        IReadOnlyList<RunWarning> Warnings)
    {
        /// <summary>The load model the profiles ran, as the load engine planned it.</summary>
        public required LoadModel Model { get; init; }

        /// <summary>Each workflow step over the whole run (a one-request load's one step included).</summary>
        public IReadOnlyList<StepStats> Steps { get; init; } = [];

        /// <summary>Each workflow step per phase (index = phase index).</summary>
        public IReadOnlyList<IReadOnlyList<StepStats>> PhaseSteps { get; init; } = [];

        /// <summary>Each workflow's own statistics and profile (a one-request load's one workflow included).</summary>
        public IReadOnlyList<WorkflowResult> Workflows { get; init; } = [];

        /// <summary>How the run ended; complete unless it was stopped early.</summary>
        public RunCompletion Completion { get; init; } = RunCompletion.Complete;

        /// <summary>The calls the journal kept, read once to join them with the requests; <see langword="null"/> without a journal.</summary>
        public IEnumerable<JournalCall>? Journal { get; init; }

        /// <summary>A few example requests per phase (index = phase index), to trace through the providers.</summary>
        public IReadOnlyList<IReadOnlyList<TracedRequest>> PhaseExamples { get; init; } = [];
    }

    private static readonly PhaseStats EmptyStats = new(
        OutcomeCounts.Zero, LatencySummary.Empty, LatencySummary.Empty, LatencySummary.Empty, 0, new Dictionary<string, long>());

    /// <summary>Builds the scored, checked result of a run from what its parts measured.</summary>
    public static RunResult Build(Inputs inputs)
    {
        var phases = inputs.Timeline.Phases
            .Select(p => new PhaseResult(
                p.Index,
                p.Name,
                p.Start.TotalSeconds,
                p.End.TotalSeconds,
                p.Spec.Faults.Select(FaultInfo.From).ToArray(),
                p.Index < inputs.PhaseStats.Count ? inputs.PhaseStats[p.Index] : EmptyStats,
                inputs.ProviderCallsInPhase(p.Index))
            {
                Steps = p.Index < inputs.PhaseSteps.Count ? inputs.PhaseSteps[p.Index] : [],
            })
            .ToArray();

        IReadOnlyList<ProviderSecond> providerSeconds = [];
        if (inputs.Journal is { } journal)
        {
            var joined = ProviderTrails.Join(journal, [.. phases.Select(p => p.Stats.Outcomes)], inputs.PhaseExamples);
            phases = [.. phases.Select(p => p with { Trail = joined.Phases[p.Index] })];
            providerSeconds = joined.Seconds;
        }

        var load = inputs.Scenario.Load ?? throw new InvalidOperationException("A run's scenario has a load.");
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
                // Each workflow reports the profile it ran (the rate shorthand as the inject it stands for).
                Profile = [.. inputs.Workflows.Select(w => new WorkflowProfile(w.Name, w.Profile))],
                Model = inputs.Model == LoadModel.Closed ? "closed" : "open",
                Overload = load.Overload == OverloadPolicy.Grow ? "grow" : "drop",
            },
            Phases = phases,
            Overall = inputs.Overall,
            Seconds = inputs.Seconds,
            Score = DegradationScorer.Score(phases, inputs.Seconds, inputs.Scenario.Score),
            Expectations = [],
            Warnings = inputs.Warnings,
            Steps = inputs.Steps,
            Workflows = inputs.Workflows,
            Completion = inputs.Completion,
            ProviderSeconds = providerSeconds,
        };
        return result with { Expectations = ExpectationEvaluator.Evaluate(inputs.Scenario.Expectations, result) };
    }
}
