namespace ChaosKit.Core.Results;

/// <summary>
/// Something the reader of a result should know that does not fail the run, as data: what happened
/// (<see cref="Code"/>, one of <see cref="RunWarningCodes"/>) and the numbers that say how much. Exporters and the
/// console put it into words, so a comparison or another tool can reason about it.
/// </summary>
/// <param name="Code">What happened, e.g. <c>arrivals_dropped</c>.</param>
/// <param name="Numbers">The measured values behind it, keyed by name in snake_case, e.g. <c>dropped</c>.</param>
public sealed record RunWarning(string Code, IReadOnlyDictionary<string, double> Numbers)
{
    /// <summary>
    /// The value named <paramref name="name"/>, or <see cref="double.NaN"/> when the warning does not carry it (a
    /// report then shows a dash rather than a plausible 0).
    /// </summary>
    public double this[string name] => Numbers.TryGetValue(name, out var value) ? value : double.NaN;

    /// <summary>A warning with the given numbers.</summary>
    public static RunWarning Of(string code, params (string Name, double Value)[] numbers) =>
        new(code, numbers.ToDictionary(n => n.Name, n => n.Value, StringComparer.Ordinal));
}

/// <summary>The codes a <see cref="RunWarning"/> can carry, and the numbers each comes with.</summary>
public static class RunWarningCodes
{
    /// <summary>Requests still ran after the schedule, their timeout and the grace: <c>limit_seconds</c>.</summary>
    public const string DrainTimedOut = "drain_timed_out";

    /// <summary>Requests in flight at the stop were abandoned and not counted: <c>requests</c>.</summary>
    public const string RequestsAbandoned = "requests_abandoned";

    /// <summary>The ChaosKit process used most of the machine: <c>cpu_share</c> (0–1), <c>processors</c>.</summary>
    public const string GeneratorCpuBound = "generator_cpu_bound";

    /// <summary>The generator sent requests late: <c>p99_ms</c>, <c>limit_ms</c>.</summary>
    public const string DispatchDelayHigh = "dispatch_delay_high";

    /// <summary>Many arrivals started late: <c>late</c>, <c>arrived</c>, <c>limit_ms</c>, <c>worst_ms</c>.</summary>
    public const string ArrivalsLate = "arrivals_late";

    /// <summary>Arrivals over the concurrency cap were dropped: <c>dropped</c>, <c>scheduled</c>, <c>max_concurrency</c>.</summary>
    public const string ArrivalsDropped = "arrivals_dropped";

    /// <summary>
    /// Arrivals started over the cap (<c>overload: grow</c>): <c>over_cap</c>, <c>arrived</c>,
    /// <c>max_concurrency</c>, <c>peak_in_flight</c>.
    /// </summary>
    public const string OverCapStarts = "over_cap_starts";

    /// <summary>The timeline ended before <c>iterations_for_inject</c> was done: <c>iterations</c>.</summary>
    public const string IterationsNotScheduled = "iterations_not_scheduled";

    /// <summary>
    /// The fakes failed to answer calls because of a bug in ChaosKit, not an injected fault (a 500 that says so, or an
    /// answer cut part-way): <c>calls</c>. The run's numbers include what those calls did to the target.
    /// </summary>
    public const string FakeFailures = "fake_failures";

    /// <summary>
    /// The call journal reached its size limit and rotated, so its oldest lines are gone: <c>rotated_out</c>,
    /// <c>kept</c>, <c>calls</c>, <c>limit_bytes</c>. The result's counts do not come from the journal.
    /// </summary>
    public const string JournalRotated = "journal_rotated";

    /// <summary>The call journal's writer fell behind and skipped calls: <c>dropped</c>, <c>calls</c>.</summary>
    public const string JournalDropped = "journal_dropped";

    /// <summary>
    /// Writing the call journal failed, so it holds only its first calls: <c>kept</c>, <c>lost</c>, <c>calls</c>,
    /// <c>disk_full</c> (1 when the disk was full).
    /// </summary>
    public const string JournalWriteFailed = "journal_write_failed";
}
