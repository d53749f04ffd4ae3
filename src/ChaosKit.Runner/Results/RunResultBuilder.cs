using System.Globalization;
using ChaosKit.Core.Expectations;
using ChaosKit.Core.Loading;
using ChaosKit.Core.Results;
using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Scoring;
using ChaosKit.Core.Timeline;

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
        IReadOnlyList<string> Warnings);

    public static RunResult Build(Inputs inputs)
    {
        var phases = inputs.Timeline.Phases
            .Select(p => new PhaseResult(
                p.Index,
                p.Name,
                p.Start.TotalSeconds,
                p.End.TotalSeconds,
                p.Spec.Faults.Select(f => Describe(f, inputs.Timeline)).ToArray(),
                p.Index < inputs.PhaseStats.Count ? inputs.PhaseStats[p.Index] : EmptyStats,
                inputs.ProviderCallsInPhase(p.Index)))
            .ToArray();

        var load = inputs.Scenario.Load;
        var result = new RunResult
        {
            Scenario = new ScenarioInfo(inputs.Scenario.Name, inputs.Scenario.Description, inputs.Scenario.Seed, inputs.Scenario.SourcePath),
            StartedAt = inputs.StartedAt,
            Duration = inputs.Duration,
            TimeScale = inputs.Timeline.TimeScale,
            Target = inputs.Target,
            Providers = inputs.Providers,
            Load = new LoadInfo(load.RatePerSecond, load.MaxConcurrency, load.Timeout.TotalMilliseconds, load.Request.Method, load.Request.Path),
            Phases = phases,
            Overall = inputs.Overall,
            Seconds = inputs.Seconds,
            Score = DegradationScorer.Score(phases),
            Expectations = [],
            Warnings = inputs.Warnings,
        };
        return result with { Expectations = ExpectationEvaluator.Evaluate(inputs.Scenario.Expectations, result) };
    }

    private static readonly PhaseStats EmptyStats = new(
        OutcomeCounts.Zero, LatencySummary.Empty, LatencySummary.Empty, LatencySummary.Empty, 0, new Dictionary<string, long>());

    /// <summary>One line per fault for tables and charts, e.g. "claude: error 529 on 100% of calls".</summary>
    internal static string Describe(FaultSpec fault, RunTimeline timeline)
    {
        var target = fault.Provider ?? "all providers";
        var settings = string.Join(", ", SettingsOf(fault, timeline));
        var rate = (fault.Rate * 100).ToString("0.##", CultureInfo.InvariantCulture);
        return $"{target}: {fault.Kind}{(settings.Length > 0 ? " " + settings : "")} on {rate}% of calls";
    }

    private static IEnumerable<string> SettingsOf(FaultSpec fault, RunTimeline timeline)
    {
        // Durations are shown as they act in this run, after the time scale.
        foreach (var key in new[] { "status", "delay", "retry_after", "should_retry" })
        {
            if (!fault.Settings.Has(key)) continue;
            var value = fault.Settings.GetString(key, "");
            if (key is "delay" or "retry_after" && DurationParser.TryParse(value, out var d) && timeline.TimeScale != 1)
                value = DurationParser.Format(timeline.Scale(d));
            yield return key == "status" ? value : $"{key.Replace('_', ' ')} {value}";
        }
    }
}
