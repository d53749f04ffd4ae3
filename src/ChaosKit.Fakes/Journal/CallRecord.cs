namespace ChaosKit.Fakes.Journal;

/// <summary>One call a fake provider received, as the journal records it.</summary>
/// <param name="Provider">Provider name from the scenario.</param>
/// <param name="Route">Matched route, e.g. <c>POST /v1/messages</c>, or <c>unknown</c>.</param>
/// <param name="Status">
/// HTTP status sent; <see cref="CallRecord.NoAnswer"/> when none was (client or fake went away);
/// <see cref="CallRecord.NoRequest"/> for a connection a connection fault took.
/// </param>
/// <param name="Fault">Kinds of the faults applied, joined by <c>+</c> (e.g. <c>latency+error</c>), or <see langword="null"/>.</param>
/// <param name="Phase">Index of the phase running when the call arrived, or <see langword="null"/> outside the timeline.</param>
/// <param name="RetryCount">The client's <c>x-stainless-retry-count</c>, when it sent one.</param>
/// <param name="TraceId">The W3C <c>traceparent</c> trace id, when the client sent one.</param>
/// <param name="Arrival">Offset from the run start at arrival; <see cref="TimeSpan.MinValue"/> before the start.</param>
/// <param name="Duration">Time from arrival to the end of the answer.</param>
public readonly record struct CallRecord(
    string Provider,
    string Route,
    int Status,
    string? Fault,
    int? Phase,
    int? RetryCount,
    string? TraceId,
    TimeSpan Arrival,
    TimeSpan Duration)
{
    /// <summary>
    /// Status recorded when no answer was sent, borrowed from nginx's "client closed request" (the Anthropic SDK also
    /// knows 499 as <c>ClientClosedRequest</c>).
    /// </summary>
    public const int NoAnswer = 499;

    /// <summary>Status recorded for a connection a connection fault took before any request was read.</summary>
    public const int NoRequest = 0;

    /// <summary>The model the call asked for, when the protocol got that far.</summary>
    public string? Model { get; init; }

    /// <summary>Whether the call asked for a streamed answer.</summary>
    public bool Streaming { get; init; }

    /// <summary>A short hash of the API key (<c>key_</c> + 8 hex), never the key; <see langword="null"/> without a key.</summary>
    public string? KeyId { get; init; }

    /// <summary>Time from arrival to the first token of a streamed answer; <see langword="null"/> otherwise.</summary>
    public TimeSpan? FirstToken { get; init; }

    /// <summary>Estimated input tokens, when known.</summary>
    public int? InputTokens { get; init; }

    /// <summary>Output tokens sent, when any.</summary>
    public int? OutputTokens { get; init; }

    /// <summary>The correlation id: the configured header's value, else the W3C trace id.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>
    /// How long before the <c>retry-after</c> a fake had given the same client ran out this call arrived;
    /// <see langword="null"/> when it was not early (see <see cref="RetryAfterTracker"/>).
    /// </summary>
    public TimeSpan? EarlyBy { get; init; }

    /// <summary>True when the call arrived before its client's <c>retry-after</c> had elapsed.</summary>
    public bool IsEarlyRetry => EarlyBy is not null;

    /// <summary>
    /// True when the answer never reached the client whole: no answer was finished (the client hung up, or a fault
    /// reset it), or a <c>stream_cut</c> fault ended it part-way.
    /// </summary>
    public bool IsDiscardedAnswer => Status is NoAnswer or NoRequest
        || (Fault is { } fault && fault.Contains(Faults.StreamCutFault.Kind, StringComparison.Ordinal));

    /// <summary>True when the client said it was retrying.</summary>
    public bool IsRetry => RetryCount > 0;
}
