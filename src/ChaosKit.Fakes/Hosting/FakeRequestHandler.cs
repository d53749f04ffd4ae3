using System.Runtime.CompilerServices;
using ChaosKit.Core.Timeline;
using CommunityToolkit.HighPerformance.Buffers;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Journal;
using Microsoft.AspNetCore.Http;
using WireMock;
using WireMock.ResponseProviders;
using WireMock.Settings;

namespace ChaosKit.Fakes.Hosting;

/// <summary>
/// Every call to a fake lands here: it is matched to the phase running at arrival, resolved by the provider protocol,
/// hit by the phase's faults, answered and counted in the journal. Calls come through <see cref="InvokeAsync"/>, mounted
/// ahead of WireMock's middleware (see <see cref="FakeServer"/>); the WireMock mapping to this
/// <see cref="IResponseProvider"/> gives the same answer should a call ever reach WireMock's pipeline.
/// </summary>
/// <remarks>
/// Why we write the response ourselves instead of returning a WireMock <c>ResponseMessage</c>: WireMock's response
/// builders decide the whole answer up front and send it in one go (<c>WithSseBody</c> even blocks a thread per
/// stream and cannot fail half-way), while faults must act at any point of the answer (before it, and later in the
/// middle of a stream). WireMock 2.21 hands the provider the <see cref="HttpContext"/>; we write status, headers and
/// body to it asynchronously and return no message, and WireMock then leaves the finished response alone.
/// </remarks>
internal sealed class FakeRequestHandler : IResponseProvider
{
    private readonly string _provider;
    private readonly RunClock _clock;
    private readonly IProviderProtocol _protocol;
    private readonly FaultPipeline _faults;
    private readonly CallJournal _journal;
    private readonly CancellationToken _stopping;
    private readonly string? _correlationHeader;
    private readonly RetryAfterTracker _retryAfters;
    private readonly Func<object, Task> _stampHeadersSent;
    // The journal holds a call for up to 20 ms before writing it, so each call's own copy of the model name would
    // outlive a garbage collection and be promoted. A run asks for a handful of models; the pool (bounded) hands every
    // call the same instance.
    private readonly StringPool _modelNames = new(64);
    private long _arrivals;
    private long _inFlight;
    private long _fakeFailures;

    /// <summary>Creates the handler for one fake.</summary>
    public FakeRequestHandler(
        string provider, RunClock clock, IProviderProtocol protocol, FaultPipeline faults, CallJournal journal, CancellationToken stopping,
        string? correlationHeader = null)
    {
        _correlationHeader = correlationHeader;
        _provider = provider;
        _clock = clock;
        _protocol = protocol;
        _faults = faults;
        _journal = journal;
        _stopping = stopping;
        _retryAfters = new RetryAfterTracker(clock.TimeProvider);
        _stampHeadersSent = state => StampNow((StrongBox<long>)state);
    }

    /// <summary>The provider's connection faults, or <see langword="null"/> when it has none.</summary>
    public ConnectionFaultPlan? ConnectionFaults { get; init; }

    /// <summary>Calls received so far; each is counted in the journal once answered.</summary>
    public long Arrivals => Interlocked.Read(ref _arrivals);

    /// <summary>Calls received and not yet answered (held by a delay, or being written).</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>The provider as OpenTelemetry names it (<see cref="IProviderDefinition.GenAiProviderName"/>), for the call's span.</summary>
    public string GenAiProvider { get; init; } = "";

    /// <summary>The longest body kept, in bytes (the provider's <see cref="IProviderDefinition.MaxRequestBytes"/>).</summary>
    public int MaxRequestBytes { get; init; } = int.MaxValue;

    /// <summary>
    /// Calls the fake failed to answer because of a bug of its own (an exception that was neither an injected fault
    /// nor the client hanging up): a 500 saying so, or a connection cut part-way through an answer.
    /// </summary>
    public long FakeFailures => Interlocked.Read(ref _fakeFailures);

    /// <inheritdoc />
    public async Task<(IResponseMessage Message, IMapping? Mapping)> ProvideResponseAsync(
        IMapping mapping, HttpContext context, IRequestMessage requestMessage, WireMockServerSettings settings)
    {
        await AnswerAsync(context, requestMessage.BodyAsBytes ?? ReadOnlyMemory<byte>.Empty, tooLarge: false);
        // The response is complete; a null message tells WireMock there is nothing left to send.
        return (null!, null);
    }

    /// <summary>
    /// Answers a call straight from Kestrel's pipeline, ahead of WireMock's own middleware (see
    /// <see cref="FakeServer"/>): the same answer as <see cref="ProvideResponseAsync"/> without WireMock building,
    /// matching and logging a request message first, which costs more per call than the answer itself.
    /// </summary>
    public async Task InvokeAsync(HttpContext context)
    {
        var body = await RequestBody.ReadAsync(context.Request, MaxRequestBytes, context.RequestAborted);
        await AnswerAsync(context, body ?? ReadOnlyMemory<byte>.Empty, tooLarge: body is null);
    }

    private Task StampNow(StrongBox<long> box)
    {
        box.Value = _clock.TimeProvider.GetTimestamp();
        return Task.CompletedTask;
    }

    private async Task AnswerAsync(HttpContext context, ReadOnlyMemory<byte> body, bool tooLarge)
    {
        // Null unless someone listens to the fakes' spans: then the one check is all a call pays.
        var span = FakesTelemetry.StartCall(context.Request);
        var time = _clock.TimeProvider;
        // One clock reading for the arrival, its phase and the exchange: one instant keeps the three consistent, and
        // the clock is read once per call instead of three times. Before the start: no phase.
        var started = time.GetTimestamp();
        var arrival = _clock.OffsetOf(started);
        var phase = _clock.Timeline.PhaseAt(arrival);
        // While a per-connection fault is on, no call may ride a kept-alive connection past the dice.
        if (ConnectionFaults?.ClosesAfterAnswerNow() == true) context.Response.Headers.Connection = "close";
        var exchange = new FakeExchange(
            context, body, _provider, phase,
            Interlocked.Increment(ref _arrivals), time, started)
        {
            Stopping = _stopping,
            BodyTooLarge = tooLarge,
        };
        var mayFault = _faults.MayFault(phase);

        // A retry-after counts from when the client can see it: the moment the headers go out. Only a fault can give
        // one, so calls in a phase without faults skip the callback and its registration.
        var headersSent = mayFault ? new StrongBox<long>(-1) : null;
        if (headersSent is not null) context.Response.OnStarting(_stampHeadersSent, headersSent);

        // The call ends early when the client hangs up or the fakes stop; a delay fault then stops waiting at once.
        // Only a fault can hold a call before its answer, so calls in a phase without faults skip the linked source
        // (an allocation per call); a paced stream links the fakes' stop itself (PacedStreamWriter).
        using var cancel = mayFault ? CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping) : null;
        var ct = cancel?.Token ?? context.RequestAborted;
        var answered = true;
        Interlocked.Increment(ref _inFlight);
        try
        {
            // One way through: the protocol resolves the call (answering a refusal itself), the faults that hit it
            // apply, then the protocol renders the injected error, a fault writes its own body, or the answer goes out.
            if (await _protocol.ResolveAsync(exchange, ct) is { } call)
            {
                var (outcome, faultContext) = mayFault ? await _faults.ApplyAsync(exchange, ct) : default;
                if (outcome.Reply is { } injected) await _protocol.WriteFaultAsync(exchange, injected, call.Model, ct);
                // Written only now, so that every delay chosen alongside it has run first.
                else if (outcome.Answer is { } writeItself) await writeItself(faultContext!, ct);
                else await call.AnswerAsync(exchange, ct);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested || _stopping.IsCancellationRequested)
        {
            answered = false;
            context.Abort();
        }
        catch (Exception error) when (!context.Response.HasStarted)
        {
            Interlocked.Increment(ref _fakeFailures);
            await _protocol.WriteFakeFailureAsync(exchange, error, ct);
        }
        catch (Exception error)
        {
            // Failed half-way through an answer: all that is left is to cut the connection, as a real server would.
            // A write to a connection the client already dropped is the client's doing, not a bug.
            if (error is not IOException && !context.RequestAborted.IsCancellationRequested) Interlocked.Increment(ref _fakeFailures);
            answered = false;
            context.Abort();
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }

        var correlationId = (_correlationHeader is null ? null : context.Request.Headers[_correlationHeader].ToString() is { Length: > 0 } id ? id : null)
            ?? exchange.TraceId;
        var keyId = KeyId.Of(exchange.ApiKey);
        var client = correlationId ?? keyId;
        var earlyBy = _retryAfters.EarlyBy(client, started);
        if (answered && headersSent is { Value: >= 0 }) _retryAfters.Note(client, context.Response.Headers, headersSent.Value);

        var firstToken = exchange.FirstTokenAt is { } first ? time.GetElapsedTime(started, first) : (TimeSpan?)null;
        var record = new CallRecord(
            _provider,
            exchange.Route,
            answered ? context.Response.StatusCode : CallRecord.NoAnswer,
            exchange.Fault,
            phase?.Index,
            exchange.RetryCount,
            exchange.TraceId,
            arrival,
            time.GetElapsedTime(started))
        {
            Model = exchange.Model is { } model ? _modelNames.GetOrAdd(model) : null,
            Streaming = exchange.Streaming,
            KeyId = keyId,
            FirstToken = firstToken,
            InputTokens = exchange.InputTokens,
            OutputTokens = exchange.OutputTokens,
            CorrelationId = correlationId,
            EarlyBy = earlyBy,
        };
        _journal.Record(record);
        FakesTelemetry.RecordInjectedDelay(exchange.InjectedDelay, _provider, GenAiProvider, phase);
        if (span is not null) FakesTelemetry.EndCall(span, record, GenAiProvider, phase, exchange.InjectedDelay);
    }
}
