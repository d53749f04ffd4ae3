using ChaosKit.Fakes.Journal;

namespace ChaosKit.Testing;

/// <summary>One call a fake provider received, as the journal recorded it once its answer went out.</summary>
public sealed record ProviderCall
{
    /// <summary>Status recorded when no answer was finished (the client hung up, or a fault cut it): 499.</summary>
    public const int NoAnswer = CallRecord.NoAnswer;

    /// <summary>Status recorded for a connection a connection fault took before any request was read: 0.</summary>
    public const int NoRequest = CallRecord.NoRequest;

    internal ProviderCall(in CallRecord record, long sequence, string? phase)
    {
        Sequence = sequence;
        Provider = record.Provider;
        Route = record.Route;
        Status = record.Status;
        Fault = record.Fault;
        PhaseIndex = record.Phase;
        Phase = phase;
        Arrival = record.Arrival == TimeSpan.MinValue ? null : record.Arrival;
        Duration = record.Duration;
        FirstToken = record.FirstToken;
        Model = record.Model;
        Streaming = record.Streaming;
        InputTokens = record.InputTokens;
        OutputTokens = record.OutputTokens;
        RetryCount = record.RetryCount;
        TraceId = record.TraceId;
        CorrelationId = record.CorrelationId;
        EarlyBy = record.EarlyBy;
        IsDiscardedAnswer = record.IsDiscardedAnswer;
    }

    /// <summary>Its place in the journal, counted from 1 when the fakes started (in the order calls were recorded).</summary>
    public long Sequence { get; }

    /// <summary>The provider's name in the scenario, e.g. <c>claude</c>.</summary>
    public string Provider { get; }

    /// <summary>The route, e.g. <c>POST /v1/messages</c>; <c>unknown</c> for one no provider serves, <c>(connection)</c> for a connection fault.</summary>
    public string Route { get; }

    /// <summary>The status sent; <see cref="NoAnswer"/> (499) when none was finished, <see cref="NoRequest"/> (0) for a connection fault.</summary>
    public int Status { get; }

    /// <summary>The faults that hit it, joined by <c>+</c> (e.g. <c>latency+error</c>); <see langword="null"/> when none did.</summary>
    public string? Fault { get; }

    /// <summary>The index of the phase running when it arrived; <see langword="null"/> outside the timeline.</summary>
    public int? PhaseIndex { get; }

    /// <summary>The name of the phase running when it arrived; <see langword="null"/> outside the timeline.</summary>
    public string? Phase { get; }

    /// <summary>When it arrived on the timeline (moved by jumps and pauses); <see langword="null"/> before the timeline started.</summary>
    public TimeSpan? Arrival { get; }

    /// <summary>From its arrival to the end of its answer.</summary>
    public TimeSpan Duration { get; }

    /// <summary>From its arrival to the first token of a streamed answer; <see langword="null"/> otherwise.</summary>
    public TimeSpan? FirstToken { get; }

    /// <summary>The model it asked for, when the fake read that far.</summary>
    public string? Model { get; }

    /// <summary>Whether it asked for a streamed answer.</summary>
    public bool Streaming { get; }

    /// <summary>Input tokens (the fake's estimate of the prompt), when known.</summary>
    public int? InputTokens { get; }

    /// <summary>Output tokens sent, when any.</summary>
    public int? OutputTokens { get; }

    /// <summary>The client's retry counter (<c>x-stainless-retry-count</c>: 0, then 1, 2 on retries), when it sent one.</summary>
    public int? RetryCount { get; }

    /// <summary>The W3C trace id of its <c>traceparent</c> header, when it had one.</summary>
    public string? TraceId { get; }

    /// <summary>Its correlation id: the <see cref="ChaosFakesOptions.CorrelationHeader"/>'s value, else <see cref="TraceId"/>.</summary>
    public string? CorrelationId { get; }

    /// <summary>
    /// How long before the <c>retry-after</c> a fake had given the same client ran out it arrived; <see langword="null"/>
    /// when it was not early. A client is its correlation id, else its API key: calls without a trace id that share a
    /// key count as one client.
    /// </summary>
    public TimeSpan? EarlyBy { get; }

    /// <summary>True when it came before its client's <c>retry-after</c> had run out: a retry that ignored the hint.</summary>
    public bool IsEarlyRetry => EarlyBy is not null;

    /// <summary>True when the client said it was retrying (<see cref="RetryCount"/> above 0).</summary>
    public bool IsRetry => RetryCount > 0;

    /// <summary>True for a connection a connection fault took (<c>connection_refused</c>, <c>reset_on_accept</c>, <c>hang_on_accept</c>).</summary>
    public bool IsConnectionFault => Status == NoRequest;

    /// <summary>
    /// True when the answer never reached the client whole: none was finished (the client hung up, or a fault reset
    /// it), or a <c>stream_cut</c> ended it part-way.
    /// </summary>
    public bool IsDiscardedAnswer { get; }

    /// <summary>True when it gave the client a whole answer: a 2xx that was not cut part-way.</summary>
    public bool Succeeded => Status is >= 200 and < 300 && !IsDiscardedAnswer;

    /// <summary>Tokens a provider would bill for it: input and output once an answer was under way, else 0 (as the run's results count them).</summary>
    public long TokensBilled => OutputTokens is > 0 ? (long)(InputTokens ?? 0) + OutputTokens.Value : 0;

    /// <summary>Of <see cref="TokensBilled"/>, those of an answer that never reached the client whole.</summary>
    public long TokensWasted => IsDiscardedAnswer ? TokensBilled : 0;
}
