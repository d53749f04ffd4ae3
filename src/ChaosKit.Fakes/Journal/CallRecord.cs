namespace ChaosKit.Fakes.Journal;

/// <summary>One call a fake provider received, as the journal records it.</summary>
/// <param name="Provider">Provider name from the scenario.</param>
/// <param name="Route">Matched route, e.g. <c>POST /v1/messages</c>, or <c>unknown</c>.</param>
/// <param name="Status">HTTP status sent; <see cref="CallRecord.NoAnswer"/> when none was (client or fake went away).</param>
/// <param name="Fault">Kinds of the faults applied, joined by <c>+</c> (e.g. <c>latency+error</c>), or <see langword="null"/>.</param>
/// <param name="Phase">Index of the phase running when the call arrived, or <see langword="null"/> outside the timeline.</param>
/// <param name="RetryCount">The client's <c>x-stainless-retry-count</c>, when it sent one.</param>
/// <param name="TraceId">The W3C <c>traceparent</c> trace id, when the client sent one.</param>
/// <param name="Arrival">Offset from the run start at arrival; <see cref="TimeSpan.MinValue"/> before the start.</param>
/// <param name="Duration">Time from arrival to the end of the answer.</param>
internal readonly record struct CallRecord(
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

    /// <summary>True when the client said it was retrying.</summary>
    public bool IsRetry => RetryCount > 0;
}
