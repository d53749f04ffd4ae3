using System.Text.Json.Serialization;
using ChaosKit.Core.Results;

namespace ChaosKit.Reports.Json.Dto;

// The shape of result.json, schema version 1. These records are the file format and change only with
// SchemaVersion; the Core model may be refactored freely as long as the mapping below still fills them.
// Property order here is the order in the file. Durations carry their unit in the name (durationSeconds,
// timeoutMs); numbers are rounded once, here, so the JSON file and the HTML report show the same values.

/// <summary>Root of <c>result.json</c>.</summary>
internal sealed record RunResultDto(
    int SchemaVersion,
    bool Passed,
    ScenarioDto Scenario,
    DateTime StartedAt,
    double DurationSeconds,
    double TimeScale,
    TargetDto Target,
    IReadOnlyList<ProviderDto> Providers,
    LoadDto Load,
    IReadOnlyList<PhaseDto> Phases,
    StatsDto Overall,
    IReadOnlyList<SecondDto> Seconds,
    ScoreDto Score,
    IReadOnlyList<ExpectationDto> Expectations,
    IReadOnlyList<WarningDto> Warnings)
{
    /// <summary>Version of the file schema; bump on any breaking change to these records.</summary>
    public const int CurrentSchemaVersion = 2;

    // Added within v1 (readers that ignore unknown members keep working): workflow steps and workflows, absent
    // for a one-request load.

    /// <summary>Each workflow step over the whole run; absent without workflows.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<StepDto>? Steps { get; init; }

    /// <summary>Each workflow's own statistics; absent without workflows.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<WorkflowDto>? Workflows { get; init; }

    public static RunResultDto From(RunResult r) => new RunResultDto(
        CurrentSchemaVersion,
        r.Passed,
        new ScenarioDto(r.Scenario.Name, r.Scenario.Description, r.Scenario.Seed, r.Scenario.SourcePath),
        r.StartedAt.UtcDateTime,
        Round.Seconds(r.Duration.TotalSeconds),
        r.TimeScale,
        new TargetDto(r.Target.Url, r.Target.Bundled),
        [.. r.Providers.Select(p => new ProviderDto(p.Name, p.Kind, p.BaseUrl))],
        new LoadDto(r.Load.RatePerSecond, r.Load.MaxConcurrency, Round.Ms(r.Load.TimeoutMs), r.Load.Method, r.Load.Path, [.. r.Load.Profile.Select(WorkflowProfileDto.From)], r.Load.Model, r.Load.Overload),
        [.. r.Phases.Select(PhaseDto.From)],
        StatsDto.From(r.Overall),
        [.. r.Seconds.Select(SecondDto.From)],
        ScoreDto.From(r.Score),
        [.. r.Expectations.Select(e => new ExpectationDto(e.Text, e.Passed, e.Actual is { } a ? Round.Value(a) : null, e.Display, e.Detail))],
        [.. r.Warnings.Select(WarningDto.From)])
    {
        Steps = r.Steps.Count == 0 ? null : [.. r.Steps.Select(StepDto.From)],
        Workflows = r.Workflows.Count == 0 ? null : [.. r.Workflows.Select(WorkflowDto.From)],
    };
}

/// <summary>A warning as data: its code and the numbers behind it; every report words it with <c>WarningWords</c>.</summary>
internal sealed record WarningDto(string Code, IReadOnlyDictionary<string, double> Numbers)
{
    public static WarningDto From(RunWarning w) =>
        new(w.Code, new SortedDictionary<string, double>(w.Numbers.ToDictionary(n => n.Key, n => Round.Value(n.Value)), StringComparer.Ordinal));

    public RunWarning ToWarning() => new(Code, Numbers);
}

/// <summary>One workflow step over a span; <c>timeToFirstByte</c> only for streamed responses.</summary>
internal sealed record StepDto(
    string Workflow,
    string Step,
    StepCountsDto Counts,
    LatencyDto Latency,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LatencyDto? TimeToFirstByte,
    IReadOnlyDictionary<string, long> StatusCodes,
    IReadOnlyDictionary<string, long> Failures)
{
    public static StepDto From(StepStats s) => new(
        s.Workflow, s.Step, StepCountsDto.From(s.Counts), LatencyDto.From(s.Latency),
        s.TimeToFirstByte.Count == 0 ? null : LatencyDto.From(s.TimeToFirstByte),
        StatsDto.Sorted(s.StatusCodes), StatsDto.Sorted(s.Failures));
}

internal sealed record StepCountsDto(long Ran, long Ok, long Fallback, long Failed, long Timeout, long Error, long Skipped, double FailedRate)
{
    public static StepCountsDto From(StepCounts c) => new(c.Ran, c.Ok, c.Fallback, c.Failed, c.Timeout, c.Error, c.Skipped, Round.Ratio(c.FailedRate));
}

/// <summary>One workflow: its iterations overall and per phase (in phase order), and its steps.</summary>
internal sealed record WorkflowDto(string Name, IReadOnlyList<SimulationDto> Profile, StatsDto Overall, IReadOnlyList<StatsDto> Phases, IReadOnlyList<StepDto> Steps)
{
    public static WorkflowDto From(WorkflowResult w) => new(
        w.Name, [.. w.Profile.Select(SimulationDto.From)], StatsDto.From(w.Overall), [.. w.Phases.Select(StatsDto.From)], [.. w.Steps.Select(StepDto.From)]);
}

internal sealed record ScenarioDto(string Name, string? Description, int Seed, string? SourcePath);

internal sealed record TargetDto(string Url, bool Bundled);

internal sealed record ProviderDto(string Name, string Kind, string BaseUrl);

internal sealed record LoadDto(
    double RatePerSecond, int MaxConcurrency, double TimeoutMs, string Method, string Path, IReadOnlyList<WorkflowProfileDto> Profile, string Model, string Overload);

/// <summary>A simulation as data: its kind and its numbers; every report words it with <c>ProfileWords</c>.</summary>
internal sealed record SimulationDto(string Kind, IReadOnlyDictionary<string, double> Numbers)
{
    public static SimulationDto From(SimulationInfo s) =>
        new(s.Kind, new SortedDictionary<string, double>(s.Numbers.ToDictionary(n => n.Key, n => Round.Value(n.Value)), StringComparer.Ordinal));

    public SimulationInfo ToInfo() => new(Kind, Numbers);
}

/// <summary>One workflow's load profile (for a one-request load, the workflow named <c>load</c>).</summary>
internal sealed record WorkflowProfileDto(string Workflow, IReadOnlyList<SimulationDto> Simulations)
{
    public static WorkflowProfileDto From(WorkflowProfile p) => new(p.Workflow, [.. p.Simulations.Select(SimulationDto.From)]);

    public WorkflowProfile ToProfile() => new(Workflow, [.. Simulations.Select(s => s.ToInfo())]);
}

internal sealed record PhaseDto(
    int Index, string Name, double StartSeconds, double EndSeconds, IReadOnlyList<string> Faults, StatsDto Stats, ProviderCallsDto ProviderCalls)
{
    /// <summary>Each workflow step over iterations scheduled in the phase; absent without workflows.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<StepDto>? Steps { get; init; }

    public static PhaseDto From(PhaseResult p) => new PhaseDto(
        p.Index, p.Name, Round.Seconds(p.StartSeconds), Round.Seconds(p.EndSeconds), [.. p.Faults],
        StatsDto.From(p.Stats), ProviderCallsDto.From(p.ProviderCalls))
    {
        Steps = p.Steps.Count == 0 ? null : [.. p.Steps.Select(StepDto.From)],
    };
}

internal sealed record StatsDto(
    OutcomesDto Outcomes,
    LatencyDto Latency,
    LatencyDto ServiceLatency,
    LatencyDto DispatchDelay,
    double ThroughputPerSecond,
    IReadOnlyDictionary<string, long> StatusCodes)
{
    public static StatsDto From(PhaseStats s) => new(
        OutcomesDto.From(s.Outcomes), LatencyDto.From(s.Latency), LatencyDto.From(s.ServiceLatency), LatencyDto.From(s.DispatchDelay),
        Round.Value(s.ThroughputPerSecond), Sorted(s.StatusCodes));

    /// <summary>Status keys in a stable order, so two runs' files diff cleanly.</summary>
    public static IReadOnlyDictionary<string, long> Sorted(IReadOnlyDictionary<string, long> counts) =>
        counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value);
}

/// <summary>The counts plus the rates derived from them, so readers of the file need not recompute them.</summary>
internal sealed record OutcomesDto(
    long Scheduled, long Ok, long Fallback, long Failed, long Timeout, long Error, long Dropped,
    long Served, double Availability, double FallbackRate, double ErrorRate)
{
    public static OutcomesDto From(OutcomeCounts c) => new(
        c.Scheduled, c.Ok, c.Fallback, c.Failed, c.Timeout, c.Error, c.Dropped,
        c.Served, Round.Ratio(c.Availability), Round.Ratio(c.FallbackRate), Round.Ratio(c.ErrorRate));
}

internal sealed record LatencyDto(
    long Count, double MinMs, double MeanMs, double P50Ms, double P90Ms, double P95Ms, double P99Ms, double P999Ms, double MaxMs)
{
    /// <summary>75th percentile (added within v1, so the set reads p50, p75, p90, p95, p99, p99.9, max).</summary>
    public double P75Ms { get; init; }

    public static LatencyDto From(LatencySummary l) => new LatencyDto(
        l.Count, Round.Ms(l.MinMs), Round.Ms(l.MeanMs), Round.Ms(l.P50Ms), Round.Ms(l.P90Ms),
        Round.Ms(l.P95Ms), Round.Ms(l.P99Ms), Round.Ms(l.P999Ms), Round.Ms(l.MaxMs))
    {
        P75Ms = Round.Ms(l.P75Ms),
    };
}

internal sealed record ProviderCallsDto(long Total, IReadOnlyDictionary<string, long> ByStatus, long FaultsInjected, long Retries, long EarlyRetries)
{
    public static ProviderCallsDto From(ProviderCallStats c) => new(c.Total, StatsDto.Sorted(c.ByStatus), c.FaultsInjected, c.Retries, c.EarlyRetries);
}

internal sealed record SecondDto(
    int Second, long Ok, long Fallback, long Failed, long Timeout, long Error, long Dropped, double P50Ms, double P95Ms, double P99Ms)
{
    public static SecondDto From(SecondBucket b) => new(
        b.Second, b.Ok, b.Fallback, b.Failed, b.Timeout, b.Error, b.Dropped, Round.Ms(b.P50Ms), Round.Ms(b.P95Ms), Round.Ms(b.P99Ms));
}

internal sealed record ScoreDto(double Total, string Baseline, string Method, IReadOnlyList<PhaseScoreDto> Phases)
{
    public static ScoreDto From(ScoreCard s) => new(
        Round.Score(s.Total), s.Baseline, s.Method,
        [.. s.Phases.Select(p => new PhaseScoreDto(p.Phase, Round.Score(p.Score), Round.Score(p.Availability), Round.Score(p.Latency), p.Explanation))]);
}

internal sealed record PhaseScoreDto(string Phase, double Score, double Availability, double Latency, string Explanation);

internal sealed record ExpectationDto(string Text, bool Passed, double? Actual, string? Display, string Detail);

/// <summary>Rounding per unit: enough digits to keep what was measured, none that only add noise.</summary>
internal static class Round
{
    /// <summary>Milliseconds to the microsecond.</summary>
    public static double Ms(double value) => Math.Round(value, 3, MidpointRounding.AwayFromZero);

    /// <summary>Seconds to the millisecond.</summary>
    public static double Seconds(double value) => Math.Round(value, 3, MidpointRounding.AwayFromZero);

    /// <summary>Ratios (0–1) to six places, so four-nines availability stays visible.</summary>
    public static double Ratio(double value) => Math.Round(value, 6, MidpointRounding.AwayFromZero);

    /// <summary>Scores (0–100) to two places.</summary>
    public static double Score(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>Values of unknown unit (rates, expectation measurements) to six places.</summary>
    public static double Value(double value) => Math.Round(value, 6, MidpointRounding.AwayFromZero);
}
