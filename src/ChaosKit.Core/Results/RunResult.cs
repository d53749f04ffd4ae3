namespace ChaosKit.Core.Results;

/// <summary>
/// Everything measured in one run, scored and checked: the single immutable model every exporter reads.
/// </summary>
public sealed record RunResult
{
    /// <summary>The scenario that ran.</summary>
    public required ScenarioInfo Scenario { get; init; }

    /// <summary>UTC wall-clock time the run clock started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Measured length of the run, from the clock start to the last response.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>The duration multiplier the run used (1 = as written).</summary>
    public required double TimeScale { get; init; }

    /// <summary>The application under test.</summary>
    public required TargetInfo Target { get; init; }

    /// <summary>The fake providers and where they listened.</summary>
    public required IReadOnlyList<ProviderInfo> Providers { get; init; }

    /// <summary>The load that was offered.</summary>
    public required LoadInfo Load { get; init; }

    /// <summary>Per-phase results, in timeline order.</summary>
    public required IReadOnlyList<PhaseResult> Phases { get; init; }

    /// <summary>The whole run as one phase.</summary>
    public required PhaseStats Overall { get; init; }

    /// <summary>Outcomes per second of the run, for charts.</summary>
    public required IReadOnlyList<SecondBucket> Seconds { get; init; }

    /// <summary>The degradation score.</summary>
    public required ScoreCard Score { get; init; }

    /// <summary>Each expectation with its measured value.</summary>
    public required IReadOnlyList<ExpectationResult> Expectations { get; init; }

    /// <summary>
    /// Each workflow step over the whole run, in workflow and step order; a one-request load runs as one workflow
    /// (<see cref="Scenarios.LoadSpec.RequestWorkflowName"/>) of one step (<see cref="Scenarios.LoadSpec.RequestStepName"/>).
    /// </summary>
    public IReadOnlyList<StepStats> Steps { get; init; } = [];

    /// <summary>Each workflow's own statistics (a one-request load's one workflow included).</summary>
    public IReadOnlyList<WorkflowResult> Workflows { get; init; } = [];

    /// <summary>Things the reader should know that do not fail the run (e.g. the generator fell behind).</summary>
    public IReadOnlyList<RunWarning> Warnings { get; init; } = [];

    /// <summary>Provider calls per second of arrival, by status (empty without a journal): the providers' side of the timeline.</summary>
    public IReadOnlyList<ProviderSecond> ProviderSeconds { get; init; } = [];

    /// <summary>How the run ended: complete, or stopped early and why.</summary>
    public RunCompletion Completion { get; init; } = RunCompletion.Complete;

    /// <summary>What the run ran on (ChaosKit's version, .NET, the OS and machine); <see langword="null"/> when not known (a result built in code).</summary>
    public RunEnvironment? Environment { get; init; }

    /// <summary>The call journal's file in the run folder (<c>journal.jsonl</c>); <see langword="null"/> when the run wrote none.</summary>
    public string? Journal { get; init; }

    /// <summary>
    /// The reference run this one was compared with (<c>target.compare_with</c>): its profile, and its folder inside
    /// this run's (where its reports are; <c>compare.html</c> sits beside this run's); <see langword="null"/> for a single run.
    /// </summary>
    public ComparedWith? ComparedWith { get; init; }

    /// <summary>True when the run completed and every expectation held; a run that stopped early never passes.</summary>
    public bool Passed => Completion.IsComplete && Expectations.All(e => e.Passed);
}

/// <summary>The reference run of a comparison, as the judged run's result names it.</summary>
/// <param name="Profile">The sample app's profile the reference ran, e.g. <c>naive</c>.</param>
/// <param name="Folder">Its folder, relative to the judged run's, e.g. <c>reference-naive</c>.</param>
/// <param name="Comparison">The comparison's page, relative to the judged run's folder (<c>compare.html</c>).</param>
public sealed record ComparedWith(string Profile, string Folder, string Comparison);

/// <summary>The scenario as identified in a result.</summary>
/// <param name="Name">Scenario name.</param>
/// <param name="Description">Scenario description.</param>
/// <param name="Seed">The seed the run used.</param>
/// <param name="SourcePath">The scenario file, if any.</param>
public sealed record ScenarioInfo(string Name, string? Description, int Seed, string? SourcePath)
{
    /// <summary>The most of a scenario file's text a result keeps, in characters (64 Ki).</summary>
    public const int MaxTextChars = 64 * 1024;

    /// <summary>
    /// The scenario file's text as the run read it, its first <see cref="MaxTextChars"/> characters for a longer one
    /// (<see cref="TextTruncated"/>); <see langword="null"/> when not known.
    /// </summary>
    public string? Text { get; init; }

    /// <summary>True when <see cref="Text"/> holds only the start of the file.</summary>
    public bool TextTruncated { get; init; }

    /// <summary>The commit of the git repository the scenario file is in; <see langword="null"/> when it is in none, or git could not say.</summary>
    public SourceRevision? Revision { get; init; }
}

/// <summary>The application under test.</summary>
/// <param name="Url">Base URL the load was sent to.</param>
/// <param name="Bundled">True when it was ChaosKit's bundled sample app.</param>
public sealed record TargetInfo(string Url, bool Bundled)
{
    /// <summary>The command ChaosKit started as the target (<c>target.command</c>); <see langword="null"/> for none.</summary>
    public string? Command { get; init; }

    /// <summary>The bundled sample app's resilience profile (<c>naive</c>, <c>sdk-defaults</c>, <c>resilient</c>); <see langword="null"/> for another target.</summary>
    public string? Profile { get; init; }

    /// <summary>
    /// The file in the run folder that holds the output of a target ChaosKit started (<c>target.log</c>);
    /// <see langword="null"/> for an app it only sent load to.
    /// </summary>
    public string? Log { get; init; }
}

/// <summary>A fake provider of the run.</summary>
/// <param name="Name">Name from the scenario.</param>
/// <param name="Kind">Protocol, e.g. <c>anthropic</c>.</param>
/// <param name="BaseUrl">Loopback base URL it listened on.</param>
public sealed record ProviderInfo(string Name, string Kind, string BaseUrl);

/// <summary>The offered load.</summary>
/// <param name="RatePerSecond">Arrivals per second (the peak open rate for a simulation profile; 0 for a closed one).</param>
/// <param name="MaxConcurrency">Cap on requests in flight.</param>
/// <param name="TimeoutMs">Client timeout per request, in milliseconds.</param>
/// <param name="Method">HTTP method of the request.</param>
/// <param name="Path">Path of the request.</param>
public sealed record LoadInfo(double RatePerSecond, int MaxConcurrency, double TimeoutMs, string Method, string Path)
{
    /// <summary>Each workflow's load profile as data (for a one-request load, one named <see cref="Scenarios.LoadSpec.RequestWorkflowName"/>); empty when unknown.</summary>
    public IReadOnlyList<WorkflowProfile> Profile { get; init; } = [];

    /// <summary><c>open</c> or <c>closed</c>.</summary>
    public string Model { get; init; } = "open";

    /// <summary>Open-model overload policy: <c>drop</c> or <c>grow</c>.</summary>
    public string Overload { get; init; } = "drop";
}
