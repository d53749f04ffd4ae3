using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using ChaosKit.Core.Timeline;
using ChaosKit.Load.Workflows;

namespace ChaosKit.Load.Execution;

/// <summary>
/// One timed HTTP exchange of the load engine, one per workflow step (<see cref="Workflows.WorkflowExecutor"/>):
/// renders the request and adds the correlation header, sends it under the scenario's timeout on the run clock, reads
/// the whole body, lets the caller judge the answer, and classifies whatever went wrong. Never throws; one instance
/// serves every request of a run.
/// </summary>
/// <remarks>
/// This is the per-request hot path, so it stays allocation-lean: the caller's part is a struct passed as a generic
/// argument (no boxing, no closure per request), the read buffer comes from <see cref="ArrayPool{T}"/>, the result is
/// a struct, and the body is read inside the same async method rather than a second one.
/// </remarks>
internal sealed class TimedExchange
{
    private const int ReadBufferSize = 16 * 1024;

    private readonly HttpClient _client;
    private readonly TimeSpan _timeout;
    private readonly RunClock _clock;
    private readonly string? _correlationHeader;

    /// <summary>Creates the exchange for a run.</summary>
    /// <param name="client">The load engine's client.</param>
    /// <param name="timeout">Send to end of body; a request still going after it ends as <see cref="ExchangeEnd.Timeout"/>.</param>
    /// <param name="clock">The run clock: it stamps every time and its time provider runs the timeout.</param>
    /// <param name="correlationHeader">Header that carries the iteration number on every request; <see langword="null"/> for none.</param>
    public TimedExchange(HttpClient client, TimeSpan timeout, RunClock clock, string? correlationHeader)
    {
        _client = client;
        _timeout = timeout;
        _clock = clock;
        _correlationHeader = correlationHeader;
    }

    /// <summary>Runs one exchange for iteration <paramref name="iteration"/>.</summary>
    /// <typeparam name="TCaller">The caller's part: how to build the request and judge the answer (a struct, so it is not boxed).</typeparam>
    /// <param name="caller">The caller's part, for this request.</param>
    /// <param name="iteration">The iteration number, for the correlation header.</param>
    /// <param name="runToken">Cancelled when the run stops; the exchange then ends <see cref="ExchangeEnd.Abandoned"/>.</param>
    public async ValueTask<ExchangeResult> RunAsync<TCaller>(TCaller caller, long iteration, CancellationToken runToken)
        where TCaller : IExchangeCaller
    {
        var time = _clock.TimeProvider;
        HttpRequestMessage request;
        try
        {
            request = caller.CreateRequest();
            if (_correlationHeader is { } header)
                request.Headers.TryAddWithoutValidation(header, iteration.ToString(CultureInfo.InvariantCulture));
        }
#pragma warning disable CA1031 // A template that fails to render is this request's Error, not the run's.
        catch (Exception)
#pragma warning restore CA1031
        {
            var now = _clock.OffsetOf(time.GetTimestamp());
            return new ExchangeResult(ExchangeEnd.NotRendered, now, null, now, 0, default);
        }

        using (request)
        {
            // Null unless someone listens to the load engine's spans: then the one check is all a request pays.
            var span = LoadTelemetry.StartRequest(request);
            // The timeout runs on the run clock's time provider from the send; the run token cancels the same source
            // (a static callback with the source as its state: no closure per request).
            using var timeout = new CancellationTokenSource(_timeout, time);
            using var onRunCancelled = runToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), timeout);
            var sent = _clock.OffsetOf(time.GetTimestamp());
            var status = 0;
            try
            {
                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                status = (int)response.StatusCode;
                var streamed = caller.TimesFirstByte && IsStreamed(response);
                TimeSpan? firstByte = null;
                ReadOnlyMemory<byte> body;

                // The answer is only complete once the whole body is in, so the body is read (kept up to
                // MaxKeptBody when the caller needs it, drained otherwise) before the end is stamped.
                var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    var kept = caller.KeepsBody ? new ArrayBufferWriter<byte>(1024) : null;
                    var buffer = ArrayPool<byte>.Shared.Rent(ReadBufferSize);
                    try
                    {
                        int read;
                        while ((read = await stream.ReadAsync(buffer, timeout.Token).ConfigureAwait(false)) > 0)
                        {
                            if (streamed) firstByte ??= _clock.OffsetOf(time.GetTimestamp());
                            if (kept is not null && kept.WrittenCount < LoadConstants.MaxKeptBody)
                                kept.Write(buffer.AsSpan(0, Math.Min(read, LoadConstants.MaxKeptBody - kept.WrittenCount)));
                        }
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }
                    body = kept is null ? ReadOnlyMemory<byte>.Empty : kept.WrittenMemory;
                }

                var ended = _clock.OffsetOf(time.GetTimestamp());
                // Judged inside the try: a judgement that throws is this request's Error, like a broken connection.
                var verdict = caller.Judge(response, body, ended - sent);
                // An empty streamed body has no first byte; its first byte is then its end.
                return new ExchangeResult(ExchangeEnd.Judged, sent, streamed ? firstByte ?? ended : null, ended, status, verdict, span);
            }
            catch (OperationCanceledException) when (runToken.IsCancellationRequested)
            {
                return new ExchangeResult(ExchangeEnd.Abandoned, sent, null, sent, status, default, span);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                var ended = _clock.OffsetOf(time.GetTimestamp());
                return new ExchangeResult(ExchangeEnd.Timeout, sent, null, ended, status, default, span);
            }
#pragma warning disable CA1031 // Refused, reset, malformed: all are the request's Error outcome.
            catch (Exception)
#pragma warning restore CA1031
            {
                var ended = _clock.OffsetOf(time.GetTimestamp());
                return new ExchangeResult(ExchangeEnd.Error, sent, null, ended, status, default, span);
            }
        }
    }

    /// <summary>
    /// Server-sent events, NDJSON, or another chunked body that is not one JSON document: the answer arrives over
    /// time, so its first byte is worth timing. (Servers send ordinary JSON chunked too; its first byte says little.)
    /// </summary>
    /// <remarks>
    /// Asked of every answer a workflow step gets, so it reads the headers as they arrived: the typed
    /// <c>ContentType</c> and <c>TransferEncodingChunked</c> would parse them into new objects on each request.
    /// </remarks>
    private static bool IsStreamed(HttpResponseMessage response)
    {
        var media = MediaTypeOf(response.Content.Headers);
        if (media is "text/event-stream" or "application/x-ndjson") return true;
        return IsChunked(response.Headers) && !media.EndsWith("json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The media type of <c>Content-Type</c> without its parameters; empty without one.</summary>
    private static ReadOnlySpan<char> MediaTypeOf(HttpContentHeaders headers)
    {
        if (!headers.NonValidated.TryGetValues("Content-Type", out var values)) return default;
        foreach (var value in values)
        {
            var parameters = value.IndexOf(';');
            return (parameters < 0 ? value.AsSpan() : value.AsSpan(0, parameters)).Trim();
        }
        return default;
    }

    /// <summary>True when <c>Transfer-Encoding</c> lists <c>chunked</c>.</summary>
    private static bool IsChunked(HttpResponseHeaders headers)
    {
        if (!headers.NonValidated.TryGetValues("Transfer-Encoding", out var values)) return false;
        foreach (var value in values)
        {
            foreach (var coding in value.AsSpan().Split(','))
            {
                if (value.AsSpan(coding).Trim().Equals("chunked", StringComparison.OrdinalIgnoreCase)) return true;
            }
        }
        return false;
    }
}

/// <summary>
/// The caller's part of a <see cref="TimedExchange"/>: how to build its request and how to judge the answer.
/// Implemented by small structs, so the exchange calls them without boxing or a closure.
/// </summary>
internal interface IExchangeCaller
{
    /// <summary>True when <see cref="Judge"/> reads the body, so the exchange keeps up to <see cref="LoadConstants.MaxKeptBody"/> bytes of it.</summary>
    bool KeepsBody { get; }

    /// <summary>True when the caller records a first byte, so a streamed response's first body byte is timed.</summary>
    bool TimesFirstByte { get; }

    /// <summary>Renders the request. May throw: the exchange then ends <see cref="ExchangeEnd.NotRendered"/>.</summary>
    HttpRequestMessage CreateRequest();

    /// <summary>Judges an answer whose body was read completely. May throw: the exchange then ends <see cref="ExchangeEnd.Error"/>.</summary>
    /// <param name="response">The response (headers, status); its body has been consumed.</param>
    /// <param name="body">The body, up to <see cref="LoadConstants.MaxKeptBody"/>; empty unless <see cref="KeepsBody"/>.</param>
    /// <param name="elapsed">Send to end of body.</param>
    StepVerdict Judge(HttpResponseMessage response, ReadOnlyMemory<byte> body, TimeSpan elapsed);
}

/// <summary>How a <see cref="TimedExchange"/> ended.</summary>
internal enum ExchangeEnd
{
    /// <summary>An answer arrived, its body was read, and the caller judged it.</summary>
    Judged,

    /// <summary>The request failed to render; nothing was sent.</summary>
    NotRendered,

    /// <summary>No complete answer within the timeout.</summary>
    Timeout,

    /// <summary>Refused, reset, malformed, or a judgement that threw.</summary>
    Error,

    /// <summary>The run was cancelled under it: it has no outcome and is not recorded, only counted.</summary>
    Abandoned,
}

/// <summary>What one <see cref="TimedExchange"/> measured, as offsets from the run start.</summary>
/// <param name="End">How it ended.</param>
/// <param name="Sent">When the request was handed to the client (for <see cref="ExchangeEnd.NotRendered"/>, when rendering failed).</param>
/// <param name="FirstByte">When the first body byte of a streamed response arrived (its end when the body was empty); <see langword="null"/> when not streamed, not asked for, or not judged.</param>
/// <param name="Ended">When the body was fully read or the exchange failed.</param>
/// <param name="StatusCode">HTTP status, or 0 when none arrived.</param>
/// <param name="Verdict">The caller's judgement; meaningful only when <paramref name="End"/> is <see cref="ExchangeEnd.Judged"/>.</param>
/// <param name="Span">The request's span, still open for the caller to end (<see cref="LoadTelemetry.Finish"/>); <see langword="null"/> when no one listens.</param>
internal readonly record struct ExchangeResult(
    ExchangeEnd End, TimeSpan Sent, TimeSpan? FirstByte, TimeSpan Ended, int StatusCode, StepVerdict Verdict, Activity? Span = null);
