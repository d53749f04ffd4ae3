namespace ChaosKit.Core.Results;

/// <summary>
/// One user request the load engine kept as an example (the slowest served, or a failed one, of its phase): what the
/// user got, and, once joined with the journal, every provider call it caused.
/// </summary>
/// <param name="Iteration">The iteration number (0-based) of the run.</param>
/// <param name="TraceId">The W3C trace id the load engine sent with it (32 hex digits), which the app passed on.</param>
/// <param name="Outcome">How it ended: <c>ok</c>, <c>fallback</c>, <c>failed</c>, <c>timeout</c> or <c>error</c>.</param>
/// <param name="Status">The app's HTTP status, 0 when none came.</param>
/// <param name="ScheduledSeconds">Its scheduled start on the run clock.</param>
/// <param name="LatencyMs">From its scheduled start to its end.</param>
public sealed record TracedRequest(long Iteration, string TraceId, string Outcome, int Status, double ScheduledSeconds, double LatencyMs)
{
    /// <summary>The provider calls it caused, in the order they arrived; empty until joined, or when none came.</summary>
    public IReadOnlyList<ProviderAttempt> Attempts { get; init; } = [];

    /// <summary>How it was finally served: <see cref="ServedByNames"/>.</summary>
    public string? ServedBy { get; init; }
}

/// <summary>One provider call, as the journal recorded it, placed on the time line of the request that caused it.</summary>
/// <param name="Provider">The provider's name in the scenario.</param>
/// <param name="Route">The route, e.g. <c>POST /v1/messages</c>.</param>
/// <param name="Status">The status the fake answered; 499 when no answer was finished, 0 when a connection fault took it.</param>
/// <param name="Fault">The faults applied, joined by <c>+</c>, or <see langword="null"/>.</param>
/// <param name="StartMs">When it arrived, from the request's scheduled start.</param>
/// <param name="DurationMs">From its arrival to the end of its answer.</param>
public sealed record ProviderAttempt(string Provider, string Route, int Status, string? Fault, double StartMs, double DurationMs)
{
    /// <summary>From its arrival to its first streamed token; <see langword="null"/> when not streamed.</summary>
    public double? FirstTokenMs { get; init; }

    /// <summary>Input tokens, when known.</summary>
    public long? TokensIn { get; init; }

    /// <summary>Output tokens sent, when any.</summary>
    public long? TokensOut { get; init; }

    /// <summary>The client's retry counter (<c>x-stainless-retry-count</c>), when it sent one.</summary>
    public int? RetryCount { get; init; }

    /// <summary>True when it came before the <c>retry-after</c> its client had been given ran out.</summary>
    public bool EarlyRetry { get; init; }

    /// <summary>True when it gave the app a whole answer (<see cref="AnsweredWhole"/>).</summary>
    public bool Succeeded => AnsweredWhole(Status, Fault);

    /// <summary>A call answered with a 2xx that no <c>stream_cut</c> fault ended part-way.</summary>
    public static bool AnsweredWhole(int status, string? fault) =>
        status is >= 200 and < 300 && !(fault?.Contains("stream_cut", StringComparison.Ordinal) ?? false);
}

/// <summary>How a user request was finally served, as <see cref="PhaseTrail.ServedBy"/> counts it.</summary>
public static class ServedByNames
{
    /// <summary>A normal answer from the first provider the app called (or with no provider call at all).</summary>
    public const string Primary = "primary";

    /// <summary>A normal answer whose successful call went to another provider than the first one called.</summary>
    public const string OtherProvider = "other_provider";

    /// <summary>An answer marked as the app's fallback (a stored or local answer).</summary>
    public const string Fallback = "fallback";

    /// <summary>No usable answer: an error, a timeout, a broken connection or a dropped arrival.</summary>
    public const string Failed = "failed";

    /// <summary>Every way, in report order.</summary>
    public static IReadOnlyList<string> All { get; } = [Primary, OtherProvider, Fallback, Failed];
}

/// <summary>
/// The requests of a phase joined with the provider calls they caused, through the trace id the app passed on (or the
/// load's correlation header): how many calls a request took, how requests were served, and a few examples.
/// </summary>
/// <param name="AttemptsPerRequest">Requests by the provider calls they caused: <c>0</c>, <c>1</c>, <c>2</c>, <c>3</c> and <c>4+</c>.</param>
/// <param name="ServedBy">Requests by how they were served (<see cref="ServedByNames"/>).</param>
/// <param name="Examples">The slowest served and some failed requests of the phase, with their calls (a bounded number).</param>
public sealed record PhaseTrail(
    IReadOnlyDictionary<string, long> AttemptsPerRequest,
    IReadOnlyDictionary<string, long> ServedBy,
    IReadOnlyList<TracedRequest> Examples)
{
    /// <summary>Provider calls that named no request the load engine sent (the app did not pass the trace on), in the phase.</summary>
    public long UnattributedCalls { get; init; }

    /// <summary>The buckets of <see cref="AttemptsPerRequest"/>, in order.</summary>
    public static IReadOnlyList<string> AttemptBuckets { get; } = ["0", "1", "2", "3", "4+"];

    /// <summary>The bucket of a request that caused <paramref name="attempts"/> provider calls.</summary>
    public static string BucketOf(long attempts) => attempts >= 4 ? "4+" : AttemptBuckets[(int)attempts];
}

/// <summary>Provider calls that arrived in one second of the run, by status: the provider's side of the outcome chart.</summary>
/// <param name="Second">Offset of the second from the run start (0-based).</param>
/// <param name="ByStatus">Calls per status the fakes answered (<c>499</c>: no answer finished; <c>0</c>: connection taken).</param>
public sealed record ProviderSecond(int Second, IReadOnlyDictionary<string, long> ByStatus);

/// <summary>One line of the call journal (<c>journal.jsonl</c>), read back after the run to join calls with requests.</summary>
/// <param name="Provider">The provider's name in the scenario.</param>
/// <param name="Route">The route, e.g. <c>POST /v1/messages</c>.</param>
/// <param name="Status">The status the fake answered (499: no answer finished; 0: a connection fault took it).</param>
/// <param name="Fault">The faults applied, joined by <c>+</c>, or <see langword="null"/>.</param>
/// <param name="Phase">The phase running when it arrived, or <see langword="null"/> outside the timeline.</param>
/// <param name="ReceivedMs">Its arrival on the run clock, or <see langword="null"/> before the clock started.</param>
/// <param name="DurationMs">From its arrival to the end of its answer.</param>
/// <param name="CorrelationId">The load's correlation header when set, else the W3C trace id; <see langword="null"/> without either.</param>
public sealed record JournalCall(
    string Provider, string Route, int Status, string? Fault, int? Phase, double? ReceivedMs, double DurationMs, string? CorrelationId)
{
    /// <summary>From its arrival to its first streamed token; <see langword="null"/> when not streamed.</summary>
    public double? FirstTokenMs { get; init; }

    /// <summary>Input tokens, when known.</summary>
    public long? TokensIn { get; init; }

    /// <summary>Output tokens sent, when any.</summary>
    public long? TokensOut { get; init; }

    /// <summary>The client's retry counter, when it sent one.</summary>
    public int? RetryCount { get; init; }

    /// <summary>True when it came before its client's <c>retry-after</c> ran out.</summary>
    public bool EarlyRetry { get; init; }

    /// <summary>True when it gave the app a whole answer (<see cref="ProviderAttempt.AnsweredWhole"/>).</summary>
    public bool Succeeded => ProviderAttempt.AnsweredWhole(Status, Fault);
}
