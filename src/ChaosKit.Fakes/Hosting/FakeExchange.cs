using System.Globalization;
using ChaosKit.Core.Timeline;
using ChaosKit.Fakes.Streaming;
using Microsoft.AspNetCore.Http;

namespace ChaosKit.Fakes.Hosting;

/// <summary>One call to a fake, from arrival to answer: what came in, which phase it met, which faults hit it.</summary>
internal sealed class FakeExchange
{
    private string? _fault;

    /// <summary>Captures a call as it arrives.</summary>
    public FakeExchange(
        HttpContext http, ReadOnlyMemory<byte> body, string provider, TimelinePhase? phase, long arrivalNumber,
        TimeProvider time, long arrivedAt)
    {
        Http = http;
        Body = body;
        Provider = provider;
        Phase = phase;
        ArrivalNumber = arrivalNumber;
        Time = time;
        ArrivedAt = arrivedAt;
        TraceId = ClientHeaders.TraceIdOf(http.Request);
        RetryCount = ClientHeaders.RetryCountOf(http.Request);
    }

    /// <summary>The ASP.NET Core context; protocols write the answer to <see cref="Response"/> themselves.</summary>
    public HttpContext Http { get; }

    /// <summary>The request.</summary>
    public HttpRequest Request => Http.Request;

    /// <summary>The response.</summary>
    public HttpResponse Response => Http.Response;

    /// <summary>The raw request body (empty when there was none, or when it was too long to keep).</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The body was longer than the provider takes, and not kept (<see cref="IProviderDefinition.MaxRequestBytes"/>).</summary>
    public bool BodyTooLarge { get; init; }

    /// <summary>Provider name from the scenario.</summary>
    public string Provider { get; }

    /// <summary>The phase running when the call arrived; <see langword="null"/> outside the timeline (no faults then).</summary>
    public TimelinePhase? Phase { get; }

    /// <summary>1-based arrival order at this fake.</summary>
    public long ArrivalNumber { get; }

    /// <summary>Fires when the fakes stop; a wait that the call's token may not cover (a paced stream) links it.</summary>
    public CancellationToken Stopping { get; init; }

    /// <summary>The run's time source.</summary>
    public TimeProvider Time { get; }

    /// <summary>When the call arrived, as a <see cref="TimeProvider.GetTimestamp"/> value.</summary>
    public long ArrivedAt { get; }

    /// <summary>When the first token of a streamed answer was written, as a timestamp; <see langword="null"/> before.</summary>
    public long? FirstTokenAt { get; set; }

    /// <summary>The W3C trace id the client sent, if any.</summary>
    public string? TraceId { get; }

    /// <summary>The client's <c>x-stainless-retry-count</c>, if any.</summary>
    public int? RetryCount { get; }

    /// <summary>Matched route for the journal, e.g. <c>POST /v1/messages</c>; set by the protocol.</summary>
    public string Route { get; set; } = "unknown";

    /// <summary>
    /// The call's stream faults, asked before each chunk of a streamed answer: <see cref="StreamFaultChain.PassThrough"/>
    /// (the stream runs as planned) until a stream fault adds its stage (<see cref="AddStreamFault"/>).
    /// </summary>
    public StreamFaultChain StreamFaults { get; private set; } = StreamFaultChain.PassThrough;

    /// <summary>Adds <paramref name="stage"/> to <see cref="StreamFaults"/>, where its <see cref="IStreamFaultStage.Step"/> puts it.</summary>
    public void AddStreamFault(IStreamFaultStage stage) => StreamFaults = StreamFaults.With(stage);

    /// <summary>The model the call asked for, once the protocol has read it.</summary>
    public string? Model { get; set; }

    /// <summary>The API key the call presented (never written anywhere; the journal keeps a short hash).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Whether the call asked for a streamed answer.</summary>
    public bool Streaming { get; set; }

    /// <summary>Estimated input tokens, once known.</summary>
    public int? InputTokens { get; set; }

    /// <summary>Output tokens sent (so far, while streaming).</summary>
    public int? OutputTokens { get; set; }

    /// <summary>
    /// The delay <c>latency</c> faults injected into the call, before its answer or its first token; zero when none did.
    /// </summary>
    public TimeSpan InjectedDelay { get; private set; }

    /// <summary>Adds <paramref name="delay"/> to <see cref="InjectedDelay"/>.</summary>
    public void NoteDelay(TimeSpan delay) => InjectedDelay += delay;

    /// <summary>Kinds of the faults applied so far, joined by <c>+</c>; <see langword="null"/> when none.</summary>
    public string? Fault => _fault;

    /// <summary>
    /// What the fault dice are rolled against. With a trace id, the same logical call gets the same dice in every
    /// replay, whatever the arrival order; the retry counter is part of it so each retry rolls afresh, as a real
    /// retry meets a fresh chance of failure. Without a trace id, the arrival order is the best there is.
    /// </summary>
    public string RequestKey => TraceId is null
        ? "n:" + ArrivalNumber.ToString(CultureInfo.InvariantCulture)
        : $"t:{TraceId}:{RetryCount?.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Records that a fault of <paramref name="kind"/> was applied.</summary>
    public void NoteFault(string kind) => _fault = _fault is null ? kind : $"{_fault}+{kind}";
}
