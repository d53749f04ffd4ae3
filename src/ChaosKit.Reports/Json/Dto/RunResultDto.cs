using System.Text.Json.Serialization;
using ChaosKit.Core.Results;

namespace ChaosKit.Reports.Json.Dto;

// The shape of result.json (see SchemaVersion), and the one model every report renders from: RunResultDto.From is
// the only mapping from the Core RunResult, so result.json, report.html, junit.xml and report.md show the same
// numbers, and each words faults, warnings and scores with ChaosKit.Reports.Words. These records are the file format
// and change only with SchemaVersion; the Core model may be refactored freely as long as the mapping below fills them.
// Property order here is the order in the file. Durations carry their unit in the name (durationSeconds,
// timeoutMs); numbers are rounded once, here, so the JSON file and the HTML report show the same values.

/// <summary>Root of <c>result.json</c>.</summary>
internal sealed record RunResultDto(
    int SchemaVersion,
    bool Passed,
    CompletionDto Completion,
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
    public const int CurrentSchemaVersion = 3;

    // Every run writes steps and workflows (a one-request load is one workflow of one step); only a result built
    // without them, in code rather than by a run, leaves these members out.

    /// <summary>Each workflow step over the whole run; absent only from a result built without steps.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<StepDto>? Steps { get; init; }

    /// <summary>Each workflow's own statistics; absent only from a result built without workflows.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<WorkflowDto>? Workflows { get; init; }

    /// <summary>Provider calls per second of arrival, by status; empty when the run kept no journal.</summary>
    public IReadOnlyList<ProviderSecondDto> ProviderSeconds { get; init; } = [];

    /// <summary>What the run ran on (added in v3); absent only from a result built in code.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public EnvironmentDto? Environment { get; init; }

    /// <summary>The call journal's file in the run folder (added in v3); absent when the run wrote none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Journal { get; init; }

    /// <summary>The reference run of a comparison (<c>target.compare_with</c>): profile, folder, comparison page; absent for a single run.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ComparedWithDto? ComparedWith { get; init; }

    public static RunResultDto From(RunResult r) => new RunResultDto(
        CurrentSchemaVersion,
        r.Passed,
        CompletionDto.From(r.Completion),
        ScenarioDto.From(r.Scenario),
        r.StartedAt.UtcDateTime,
        Round.Seconds(r.Duration.TotalSeconds),
        r.TimeScale,
        new TargetDto(r.Target.Url, r.Target.Bundled, r.Target.Command, r.Target.Log) { Profile = r.Target.Profile },
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
        ProviderSeconds = [.. r.ProviderSeconds.Select(s => new ProviderSecondDto(s.Second, StatsDto.Sorted(s.ByStatus)))],
        Environment = r.Environment is { } environment ? EnvironmentDto.From(environment) : null,
        Journal = r.Journal,
        ComparedWith = r.ComparedWith is { } compared ? new ComparedWithDto(compared.Profile, compared.Folder, compared.Comparison) : null,
    };

    /// <summary>
    /// The run this file describes, for a reader of <c>result.json</c> (<c>RunResultReader</c>): the inverse of
    /// <see cref="From"/> over what the file keeps, so writing it again gives the same file. Derived fields
    /// (<c>passed</c>, <c>served</c>, the rates) are computed again from the counts, not read.
    /// </summary>
    public RunResult ToResult() => new()
    {
        Scenario = Scenario.ToInfo(),
        StartedAt = new DateTimeOffset(StartedAt.Kind == DateTimeKind.Local ? StartedAt.ToUniversalTime() : DateTime.SpecifyKind(StartedAt, DateTimeKind.Utc)),
        Duration = TimeSpan.FromSeconds(DurationSeconds),
        TimeScale = TimeScale,
        Target = new TargetInfo(Target.Url, Target.Bundled) { Command = Target.Command, Log = Target.Log, Profile = Target.Profile },
        Providers = [.. Providers.Select(p => new ProviderInfo(p.Name, p.Kind, p.BaseUrl))],
        Load = new LoadInfo(Load.RatePerSecond, Load.MaxConcurrency, Load.TimeoutMs, Load.Method, Load.Path)
        {
            Profile = [.. Load.Profile.Select(p => p.ToProfile())],
            Model = Load.Model,
            Overload = Load.Overload,
        },
        Phases = [.. Phases.Select(p => p.ToPhase())],
        Overall = Overall.ToStats(),
        Seconds = [.. Seconds.Select(s => s.ToBucket())],
        Score = Score.ToCard(),
        Expectations = [.. Expectations.Select(e => new ExpectationResult(e.Text, e.Passed, e.Actual, e.Detail) { Display = e.Display })],
        Warnings = [.. Warnings.Select(w => w.ToWarning())],
        Steps = [.. Steps?.Select(s => s.ToStats()) ?? []],
        Workflows = [.. Workflows?.Select(w => w.ToWorkflow()) ?? []],
        Completion = Completion.ToCompletion(),
        Environment = Environment?.ToEnvironment(),
        Journal = Journal,
        ComparedWith = ComparedWith is { } compared ? new ComparedWith(compared.Profile, compared.Folder, compared.Comparison) : null,
        ProviderSeconds = [.. ProviderSeconds.Select(p => new ProviderSecond(p.Second, p.ByStatus))],
    };
}

/// <summary>What the run ran on: ChaosKit's version as <c>chaoskit --version</c> prints it, .NET, the OS, the architecture and the processors.</summary>
internal sealed record EnvironmentDto(string ChaosKitVersion, string Runtime, string Os, string Architecture, int ProcessorCount)
{
    public static EnvironmentDto From(RunEnvironment e) => new(e.ChaosKitVersion, e.Runtime, e.Os, e.Architecture, e.ProcessorCount);

    public RunEnvironment ToEnvironment() => new(ChaosKitVersion, Runtime, Os, Architecture, ProcessorCount);
}

/// <summary>The reference run of a comparison: the profile it ran, its folder and the comparison page, relative to this run's folder.</summary>
internal sealed record ComparedWithDto(string Profile, string Folder, string Comparison);

/// <summary>Provider calls that arrived in one second, by the status the fakes answered.</summary>
internal sealed record ProviderSecondDto(int Second, IReadOnlyDictionary<string, long> ByStatus);

/// <summary>
/// A phase's requests joined with the provider calls they caused: <c>attemptsPerRequest</c> (<c>0</c> … <c>4+</c>),
/// <c>servedBy</c> (<c>primary</c>, <c>other_provider</c>, <c>fallback</c>, <c>failed</c>), calls that named no request,
/// and a few example requests call by call.
/// </summary>
internal sealed record TrailDto(
    IReadOnlyDictionary<string, long> AttemptsPerRequest, IReadOnlyDictionary<string, long> ServedBy, long UnattributedCalls, IReadOnlyList<TracedRequestDto> Examples)
{
    public static TrailDto From(PhaseTrail t) => new(
        t.AttemptsPerRequest, t.ServedBy, t.UnattributedCalls, [.. t.Examples.Select(TracedRequestDto.From)]);

    public PhaseTrail ToTrail() => new(AttemptsPerRequest, ServedBy, [.. Examples.Select(e => e.ToRequest())]) { UnattributedCalls = UnattributedCalls };
}

/// <summary>An example request: what the user got, and each provider call it caused, placed from its scheduled start.</summary>
internal sealed record TracedRequestDto(
    long Iteration, string TraceId, string Outcome, int Status, string? ServedBy, double ScheduledSeconds, double LatencyMs, IReadOnlyList<AttemptDto> Attempts)
{
    public static TracedRequestDto From(TracedRequest r) => new(
        r.Iteration, r.TraceId, r.Outcome, r.Status, r.ServedBy, Round.Seconds(r.ScheduledSeconds), Round.Ms(r.LatencyMs),
        [.. r.Attempts.Select(a => new AttemptDto(
            a.Provider, a.Route, a.Status, a.Fault, Round.Ms(a.StartMs), Round.Ms(a.DurationMs), a.FirstTokenMs is { } first ? Round.Ms(first) : null,
            a.TokensIn, a.TokensOut, a.RetryCount, a.EarlyRetry))]);

    public TracedRequest ToRequest() => new(Iteration, TraceId, Outcome, Status, ScheduledSeconds, LatencyMs)
    {
        ServedBy = ServedBy,
        Attempts = [.. Attempts.Select(a => new ProviderAttempt(a.Provider, a.Route, a.Status, a.Fault, a.StartMs, a.DurationMs)
        {
            FirstTokenMs = a.FirstTokenMs,
            TokensIn = a.TokensIn,
            TokensOut = a.TokensOut,
            RetryCount = a.RetryCount,
            EarlyRetry = a.EarlyRetry,
        })],
    };
}

/// <summary>One provider call of an example request; <c>startMs</c> is from the request's scheduled start.</summary>
internal sealed record AttemptDto(
    string Provider, string Route, int Status, string? Fault, double StartMs, double DurationMs, double? FirstTokenMs,
    long? TokensIn, long? TokensOut, int? RetryCount, bool EarlyRetry);

/// <summary>
/// How the run ended: <c>status</c> (<c>complete</c>, <c>cancelled</c>, <c>target_died</c>, <c>harness_error</c>), the
/// <c>phase</c> it stopped in (null when complete or before the clock), the <c>numbers</c> that say when, and the
/// <c>cause</c> the harness saw; every report words it with <c>CompletionWords</c>.
/// </summary>
internal sealed record CompletionDto(string Status, string? Phase, IReadOnlyDictionary<string, double> Numbers, string? Cause)
{
    public static CompletionDto From(RunCompletion c) => new(
        c.Status, c.Phase, Round.Numbers(c.Numbers), c.Cause);

    public RunCompletion ToCompletion() => new(Status, Numbers) { Phase = Phase, Cause = Cause };
}

/// <summary>A warning as data: its code and the numbers behind it; every report words it with <c>WarningWords</c>.</summary>
internal sealed record WarningDto(string Code, IReadOnlyDictionary<string, double> Numbers)
{
    public static WarningDto From(RunWarning w) =>
        new(w.Code, Round.Numbers(w.Numbers));

    public RunWarning ToWarning() => new(Code, Numbers);
}

/// <summary>
/// One workflow step over a span: <c>latency</c> over every run, <c>servedLatency</c> over the runs that passed (what
/// step latency expectations read), <c>failedLatency</c> over the rest; <c>timeToFirstByte</c> only for streamed responses.
/// </summary>
internal sealed record StepDto(
    string Workflow,
    string Step,
    StepCountsDto Counts,
    LatencyDto Latency,
    LatencyDto ServedLatency,
    LatencyDto FailedLatency,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LatencyDto? TimeToFirstByte,
    IReadOnlyDictionary<string, long> StatusCodes,
    IReadOnlyDictionary<string, long> Failures)
{
    public static StepDto From(StepStats s) => new(
        s.Workflow, s.Step, StepCountsDto.From(s.Counts), LatencyDto.From(s.Latency), LatencyDto.From(s.ServedLatency), LatencyDto.From(s.FailedLatency),
        s.TimeToFirstByte.Count == 0 ? null : LatencyDto.From(s.TimeToFirstByte),
        StatsDto.Sorted(s.StatusCodes), StatsDto.Sorted(s.Failures));

    public StepStats ToStats() => new(
        Workflow, Step, Counts.ToCounts(), Latency.ToSummary(), TimeToFirstByte?.ToSummary() ?? LatencySummary.Empty, StatusCodes, Failures)
    {
        ServedLatency = ServedLatency.ToSummary(),
        FailedLatency = FailedLatency.ToSummary(),
    };
}

internal sealed record StepCountsDto(long Ran, long Ok, long Fallback, long Failed, long Timeout, long Error, long Skipped, double FailedRate)
{
    public static StepCountsDto From(StepCounts c) => new(c.Ran, c.Ok, c.Fallback, c.Failed, c.Timeout, c.Error, c.Skipped, Round.Ratio(c.FailedRate));

    public StepCounts ToCounts() => new(Ok, Fallback, Failed, Timeout, Error, Skipped);
}

/// <summary>One workflow: its iterations overall and per phase (in phase order), and its steps.</summary>
internal sealed record WorkflowDto(string Name, IReadOnlyList<SimulationDto> Profile, StatsDto Overall, IReadOnlyList<StatsDto> Phases, IReadOnlyList<StepDto> Steps)
{
    public static WorkflowDto From(WorkflowResult w) => new(
        w.Name, [.. w.Profile.Select(SimulationDto.From)], StatsDto.From(w.Overall), [.. w.Phases.Select(StatsDto.From)], [.. w.Steps.Select(StepDto.From)]);

    public WorkflowResult ToWorkflow() => new(
        Name, [.. Profile.Select(s => s.ToInfo())], Overall.ToStats(), [.. Phases.Select(p => p.ToStats())], [.. Steps.Select(s => s.ToStats())]);
}

/// <summary>
/// The scenario: its name, seed and file, and (added in v3) the git commit of the repository the file is in and the
/// file's text (<c>textTruncated</c>: only its first 64 Ki characters); each absent when not known.
/// </summary>
internal sealed record ScenarioDto(string Name, string? Description, int Seed, string? SourcePath)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RevisionDto? Revision { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? TextTruncated { get; init; }

    public static ScenarioDto From(ScenarioInfo s) => new(s.Name, s.Description, s.Seed, s.SourcePath)
    {
        Revision = s.Revision is { } revision ? new RevisionDto(revision.Commit, revision.Dirty) : null,
        Text = s.Text,
        TextTruncated = s.Text is null ? null : s.TextTruncated,
    };

    public ScenarioInfo ToInfo() => new(Name, Description, Seed, SourcePath)
    {
        Revision = Revision?.ToRevision(),
        Text = Text,
        TextTruncated = TextTruncated ?? false,
    };
}

/// <summary>The commit of the scenario file's repository, and whether tracked files had uncommitted changes.</summary>
internal sealed record RevisionDto(string Commit, bool Dirty)
{
    public SourceRevision ToRevision() => new(Commit, Dirty);
}

/// <summary>
/// The target; <c>command</c> and <c>log</c> only when ChaosKit started it (the log: a file in the run folder);
/// <c>profile</c> only for the bundled sample app.
/// </summary>
internal sealed record TargetDto(
    string Url,
    bool Bundled,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Command,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Log)
{
    /// <summary>The bundled sample app's resilience profile; absent for another target.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Profile { get; init; }
}

internal sealed record ProviderDto(string Name, string Kind, string BaseUrl);

internal sealed record LoadDto(
    double RatePerSecond, int MaxConcurrency, double TimeoutMs, string Method, string Path, IReadOnlyList<WorkflowProfileDto> Profile, string Model, string Overload);

/// <summary>A simulation as data: its kind and its numbers; every report words it with <c>ProfileWords</c>.</summary>
internal sealed record SimulationDto(string Kind, IReadOnlyDictionary<string, double> Numbers)
{
    public static SimulationDto From(SimulationInfo s) =>
        new(s.Kind, Round.Numbers(s.Numbers));

    public SimulationInfo ToInfo() => new(Kind, Numbers);
}

/// <summary>One workflow's load profile (for a one-request load, the workflow named <c>load</c>).</summary>
internal sealed record WorkflowProfileDto(string Workflow, IReadOnlyList<SimulationDto> Simulations)
{
    public static WorkflowProfileDto From(WorkflowProfile p) => new(p.Workflow, [.. p.Simulations.Select(SimulationDto.From)]);

    public WorkflowProfile ToProfile() => new(Workflow, [.. Simulations.Select(s => s.ToInfo())]);
}

internal sealed record PhaseDto(
    int Index, string Name, double StartSeconds, double EndSeconds, IReadOnlyList<FaultDto> Faults, StatsDto Stats, ProviderCallsDto ProviderCalls)
{
    /// <summary>Each workflow step over iterations scheduled in the phase; absent only from a result built without steps.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<StepDto>? Steps { get; init; }

    /// <summary>The phase's requests joined with their provider calls; null when the run kept no journal.</summary>
    public TrailDto? Trail { get; init; }

    public static PhaseDto From(PhaseResult p) => new PhaseDto(
        p.Index, p.Name, Round.Seconds(p.StartSeconds), Round.Seconds(p.EndSeconds), [.. p.Faults.Select(FaultDto.From)],
        StatsDto.From(p.Stats), ProviderCallsDto.From(p.ProviderCalls))
    {
        Steps = p.Steps.Count == 0 ? null : [.. p.Steps.Select(StepDto.From)],
        Trail = p.Trail is { } trail ? TrailDto.From(trail) : null,
    };

    public PhaseResult ToPhase() => new(Index, Name, StartSeconds, EndSeconds, [.. Faults.Select(f => f.ToFault())], Stats.ToStats(), ProviderCalls.ToCalls())
    {
        Steps = [.. Steps?.Select(s => s.ToStats()) ?? []],
        Trail = Trail?.ToTrail(),
    };
}

/// <summary>
/// A fault as the scenario declared it: <c>provider</c>, <c>route</c>, <c>model</c>, <c>ramp</c> and <c>flap</c> are
/// null when not set; <c>settings</c> holds the kind's own settings as written. Every report words it with <c>FaultWords</c>.
/// </summary>
internal sealed record FaultDto(
    string Kind, string? Provider, double Rate, string? Route, string? Model, FaultRampDto? Ramp, FaultFlapDto? Flap, IReadOnlyDictionary<string, string> Settings)
{
    public static FaultDto From(FaultInfo f) => new(
        f.Kind, f.Provider, Round.Ratio(f.Rate), f.Route, f.Model,
        f.Ramp is { } ramp ? new FaultRampDto(Round.Ratio(ramp.From), ramp.OverSeconds is { } over ? Round.Seconds(over) : null) : null,
        f.Flap is { } flap ? new FaultFlapDto(Round.Seconds(flap.OnSeconds), Round.Seconds(flap.OffSeconds)) : null,
        f.Settings);

    public FaultInfo ToFault() => new(Kind, Provider, Rate, Settings)
    {
        Route = Route,
        Model = Model,
        Ramp = Ramp is { } ramp ? new FaultRamp(ramp.From, ramp.OverSeconds) : null,
        Flap = Flap is { } flap ? new FaultFlap(flap.OnSeconds, flap.OffSeconds) : null,
    };
}

/// <summary>The rate ramps from <c>from</c> to the fault's rate over <c>overSeconds</c> (scenario seconds; null: the whole phase).</summary>
internal sealed record FaultRampDto(double From, double? OverSeconds);

/// <summary>The fault is on for <c>onSeconds</c>, then off for <c>offSeconds</c>, from the phase start (scenario seconds).</summary>
internal sealed record FaultFlapDto(double OnSeconds, double OffSeconds);

/// <summary>
/// A span's outcomes and latencies: <c>latency</c> over every request that started (the score's), <c>servedLatency</c>
/// over the served ones (ok or fallback; what <c>p95</c> expectations read) and <c>failedLatency</c> over the rest
/// (<c>failed.p95</c>); the last two add up to the first.
/// </summary>
internal sealed record StatsDto(
    OutcomesDto Outcomes,
    LatencyDto Latency,
    LatencyDto ServedLatency,
    LatencyDto FailedLatency,
    LatencyDto ServiceLatency,
    LatencyDto DispatchDelay,
    double ThroughputPerSecond,
    IReadOnlyDictionary<string, long> StatusCodes)
{
    public static StatsDto From(PhaseStats s) => new(
        OutcomesDto.From(s.Outcomes), LatencyDto.From(s.Latency), LatencyDto.From(s.ServedLatency), LatencyDto.From(s.FailedLatency),
        LatencyDto.From(s.ServiceLatency), LatencyDto.From(s.DispatchDelay), Round.Value(s.ThroughputPerSecond), Sorted(s.StatusCodes));

    public PhaseStats ToStats() => new(
        Outcomes.ToCounts(), Latency.ToSummary(), ServiceLatency.ToSummary(), DispatchDelay.ToSummary(), ThroughputPerSecond, StatusCodes)
    {
        ServedLatency = ServedLatency.ToSummary(),
        FailedLatency = FailedLatency.ToSummary(),
    };

    /// <summary>Status keys in a stable order, so two runs' files diff cleanly.</summary>
    public static IReadOnlyDictionary<string, long> Sorted(IReadOnlyDictionary<string, long> counts) =>
        counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value);
}

/// <summary>
/// The counts plus the rates derived from them, so readers of the file need not recompute them; the rates are null (no
/// data) when nothing was scheduled.
/// </summary>
internal sealed record OutcomesDto(
    long Scheduled, long Ok, long Fallback, long Failed, long Timeout, long Error, long Dropped,
    long Served, double? Availability, double? FallbackRate, double? ErrorRate)
{
    public static OutcomesDto From(OutcomeCounts c) => new(
        c.Scheduled, c.Ok, c.Fallback, c.Failed, c.Timeout, c.Error, c.Dropped,
        c.Served, Round.Ratio(c.Availability), Round.Ratio(c.FallbackRate), Round.Ratio(c.ErrorRate));

    /// <summary>The counts; <c>served</c> and the rates follow from them.</summary>
    public OutcomeCounts ToCounts() => new(Scheduled, Ok, Fallback, Failed, Timeout, Error, Dropped);
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

    /// <summary>The distribution as the file keeps it: the fixed percentiles, without the full curve.</summary>
    public LatencySummary ToSummary() => new(Count, MinMs, MeanMs, P50Ms, P90Ms, P95Ms, P99Ms, P999Ms, MaxMs) { P75Ms = P75Ms };
}

/// <summary>Calls the fakes received in a span; <c>byProvider</c> holds the same counts per provider (absent inside it).</summary>
internal sealed record ProviderCallsDto(long Total, IReadOnlyDictionary<string, long> ByStatus, long FaultsInjected, long Retries, long EarlyRetries)
{
    /// <summary>Tokens of answers under way (added in v3; 0 when read from an older file).</summary>
    public long TokensBilled { get; init; }

    /// <summary>Tokens of answers that never reached the app whole (added in v3).</summary>
    public long TokensWasted { get; init; }

    /// <summary>The same counts per provider, for a phase; absent inside it and in older files.</summary>
    public IReadOnlyDictionary<string, ProviderCallsDto>? ByProvider { get; init; }

    public static ProviderCallsDto From(ProviderCallStats c) => new(c.Total, StatsDto.Sorted(c.ByStatus), c.FaultsInjected, c.Retries, c.EarlyRetries)
    {
        TokensBilled = c.TokensBilled,
        TokensWasted = c.TokensWasted,
        ByProvider = c.ByProvider.Count == 0 ? null : new SortedDictionary<string, ProviderCallsDto>(
            c.ByProvider.ToDictionary(p => p.Key, p => From(p.Value)), StringComparer.Ordinal),
    };

    public ProviderCallStats ToCalls() => new(Total, ByStatus, FaultsInjected, Retries)
    {
        EarlyRetries = EarlyRetries,
        TokensBilled = TokensBilled,
        TokensWasted = TokensWasted,
        ByProvider = ByProvider?.ToDictionary(p => p.Key, p => p.Value.ToCalls(), StringComparer.Ordinal) ?? new Dictionary<string, ProviderCallStats>(),
    };
}

internal sealed record SecondDto(
    int Second, long Ok, long Fallback, long Failed, long Timeout, long Error, long Dropped, double P50Ms, double P95Ms, double P99Ms)
{
    /// <summary>p95 time to first byte of the second's streamed steps (added in v3); absent when none streamed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public double TtfbP95Ms { get; init; }

    public static SecondDto From(SecondBucket b) => new(
        b.Second, b.Ok, b.Fallback, b.Failed, b.Timeout, b.Error, b.Dropped, Round.Ms(b.P50Ms), Round.Ms(b.P95Ms), Round.Ms(b.P99Ms))
    {
        TtfbP95Ms = Round.Ms(b.TtfbP95Ms),
    };

    public SecondBucket ToBucket() => new(Second, Ok, Fallback, Failed, Timeout, Error, Dropped, P50Ms, P95Ms, P99Ms) { TtfbP95Ms = TtfbP95Ms };
}

/// <summary>
/// The score as data: which method, the run's components, and each phase's score with its weight in the total and its
/// components; every report words it with <c>ScoreWords</c>.
/// </summary>
internal sealed record ScoreDto(
    double Total, string? Grade, string Baseline, ScoreMethodDto Method, IReadOnlyList<ScoreComponentDto> Components, IReadOnlyList<PhaseScoreDto> Phases)
{
    public static ScoreDto From(ScoreCard s) => new(
        Round.Score(s.Total), s.Method == ScoreMethod.DegradationV1 ? null : s.Grade, s.Baseline, new ScoreMethodDto(s.Method.Name, s.Method.Version),
        [.. s.Components.Select(ScoreComponentDto.From)],
        [.. s.Phases.Select(p => new PhaseScoreDto(p.Phase, Round.Score(p.Score), Round.Ratio(p.Weight), [.. p.Components.Select(ScoreComponentDto.From)]))]);

    public ScoreCard ToCard() => new(
        Total, Baseline, [.. Phases.Select(p => new PhaseScore(p.Phase, p.Score, [.. p.Components.Select(c => c.ToComponent())]) { Weight = p.Weight })],
        Method.ToMethod())
    {
        Components = [.. Components.Select(c => c.ToComponent())],
    };
}

internal sealed record ScoreMethodDto(string Name, int Version)
{
    public ScoreMethod ToMethod() => new(Name, Version);
}

internal sealed record PhaseScoreDto(string Phase, double Score, double Weight, IReadOnlyList<ScoreComponentDto> Components);

/// <summary>
/// One part of a score: <c>value</c> 0–1, <c>weight</c> 0–1, <c>pointsLost</c> of 100, and the numbers behind it; a
/// run's component also names the <c>phase</c> its numbers come from.
/// </summary>
internal sealed record ScoreComponentDto(string Name, double Value, double Weight, double PointsLost, IReadOnlyDictionary<string, double> Numbers, string? Phase)
{
    public static ScoreComponentDto From(ScoreComponent c) => new(
        c.Name, Round.Ratio(c.Value), Round.Ratio(c.Weight), Round.Score(c.PointsLost),
        Round.Numbers(c.Numbers), c.Phase);

    public ScoreComponent ToComponent() => new(Name, Value, Weight, PointsLost, Numbers) { Phase = Phase };
}

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

    /// <summary>A ratio that may have no data (null), rounded as <see cref="Ratio(double)"/>.</summary>
    public static double? Ratio(double? value) => value is { } ratio ? Ratio(ratio) : null;

    /// <summary>Scores (0–100) to two places.</summary>
    public static double Score(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>Values of unknown unit (rates, expectation measurements) to six places.</summary>
    public static double Value(double value) => Math.Round(value, 6, MidpointRounding.AwayFromZero);

    /// <summary>Named numbers (a warning's, a score component's, ...) each rounded as <see cref="Value"/>, in name order so files diff cleanly.</summary>
    public static SortedDictionary<string, double> Numbers(IReadOnlyDictionary<string, double> numbers) =>
        new(numbers.ToDictionary(n => n.Key, n => Value(n.Value)), StringComparer.Ordinal);
}
