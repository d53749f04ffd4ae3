namespace ChaosKit.Core.Scenarios;

/// <summary>
/// The traffic driven through the target. By default (<c>load.rate</c>) open-model traffic at a constant arrival rate
/// for the whole timeline: requests are scheduled on the clock, whether or not earlier ones have finished, as real
/// users arrive. <see cref="Simulations"/> replaces that with an NBomber-style profile, open or closed.
/// </summary>
/// <param name="RatePerSecond">
/// Arrivals per second of the <c>load.rate</c> shorthand; with <see cref="Simulations"/>, the profile's peak open rate
/// (0 for a closed profile), for reports.
/// </param>
/// <param name="MaxConcurrency">
/// Cap on requests in flight. An arrival that finds the cap reached is dropped and counted, as k6 does,
/// instead of queueing and hiding the overload.
/// </param>
/// <param name="Timeout">
/// Per-request client timeout; a request still running then counts as a timeout. As written in the scenario: the load
/// engine scales it with the run's time scale, like every other duration.
/// </param>
/// <param name="Request">What each iteration sends.</param>
/// <param name="Fallback">How to recognise an answer the target served from its fallback path.</param>
/// <param name="Location">Where the load section was declared.</param>
public sealed record LoadSpec(
    double RatePerSecond,
    int MaxConcurrency,
    TimeSpan Timeout,
    RequestTemplate Request,
    FallbackMarker? Fallback,
    SourceLocation Location)
{
    /// <summary>
    /// The name a one-request load's workflow goes by in results: the load runs as one workflow of one step
    /// (<see cref="RequestStepName"/>), so every run has the same result shape.
    /// </summary>
    public const string RequestWorkflowName = "load";

    /// <summary>The name of the one step of a one-request load's workflow (<see cref="RequestWorkflowName"/>).</summary>
    public const string RequestStepName = "request";

    /// <summary>Longest <see cref="Timeout"/>: the longest latency the run measures.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromHours(1);

    /// <summary>
    /// The load profile, run in order; empty means the <c>load.rate</c> shorthand: one <c>inject</c> of
    /// <see cref="RatePerSecond"/> per second over the whole timeline.
    /// </summary>
    public IReadOnlyList<LoadSimulation> Simulations { get; init; } = [];

    /// <summary>What an open-model arrival does when <see cref="MaxConcurrency"/> requests are already in flight.</summary>
    public OverloadPolicy Overload { get; init; } = OverloadPolicy.Drop;

    /// <summary>
    /// Optional header that carries each iteration's number (e.g. <c>X-ChaosKit-Iteration</c>), so the target's logs
    /// can be joined with the run; <see langword="null"/> for none. Every iteration also sends a fresh W3C traceparent.
    /// </summary>
    public string? CorrelationHeader { get; init; }

    /// <summary>
    /// The workflows (<c>load.workflows</c>), each with its own profile and steps; empty means the one-step
    /// shorthand: <see cref="Request"/> on <see cref="Simulations"/> (or <see cref="RatePerSecond"/>). With workflows,
    /// <see cref="Request"/> is the first workflow's first step, for reports.
    /// </summary>
    public IReadOnlyList<WorkflowSpec> Workflows { get; init; } = [];

    /// <summary>
    /// The workflows the load runs as, the one place a one-request load gets its names: <see cref="Workflows"/>, or one
    /// workflow named <see cref="RequestWorkflowName"/> with this load's profile and one step,
    /// <see cref="RequestStepName"/>, sending <see cref="Request"/>.
    /// </summary>
    public IReadOnlyList<WorkflowSpec> AsWorkflows() => Workflows.Count > 0
        ? Workflows
        : [new WorkflowSpec(RequestWorkflowName, RatePerSecond, Simulations, [],
            [new StepSpec(RequestStepName, Request, [], [], Request.Location)], Location)];
}

/// <summary>What an open-model arrival does when the concurrency cap is reached.</summary>
public enum OverloadPolicy
{
    /// <summary>Drop the arrival and count it, as k6 does (the default): the overload shows as dropped iterations.</summary>
    Drop,

    /// <summary>Start it anyway and let concurrency grow, as NBomber does: the overload shows as latency; starts over the cap are counted.</summary>
    Grow,
}

/// <summary>The HTTP request each iteration sends to the target.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path relative to the target base URL.</param>
/// <param name="Headers">Extra request headers; values may hold Bogus expressions such as <c>{{internet.userName}}</c>.</param>
/// <param name="Json">
/// JSON body as a tree of maps, lists and strings; string leaves may hold Bogus expressions such as
/// <c>{{lorem.sentence}}</c>. <see langword="null"/> for no body.
/// </param>
/// <param name="Location">Where the request was declared.</param>
public sealed record RequestTemplate(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    object? Json,
    SourceLocation Location);

/// <summary>A response header whose value marks an answer served by the target's fallback path.</summary>
/// <param name="Header">Header name, case-insensitive.</param>
/// <param name="Value">Value that means "fallback", case-insensitive.</param>
public sealed record FallbackMarker(string Header, string Value);
