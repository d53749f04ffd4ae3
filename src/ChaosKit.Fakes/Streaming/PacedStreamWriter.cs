using ChaosKit.Fakes.Hosting;

namespace ChaosKit.Fakes.Streaming;

/// <summary>
/// Writes a streamed answer at the pace of its <see cref="StreamSchedule"/>: headers at once, then each chunk when
/// its tokens are due, asking the call's stream faults (<see cref="StreamFaultChain"/>) before every chunk.
/// </summary>
/// <remarks>
/// Why not WireMock's <c>WithSseBody</c>: it produces the whole stream on a dedicated thread that sleeps between
/// events (one blocked thread per open stream, so a few hundred streams starve the thread pool), it cannot take its
/// pace from the run clock, and it offers no point between events at which a fault could cut, reset or poison the
/// stream. Here every wait is the stream's one timer on the run's <see cref="TimeProvider"/> (<see cref="StreamTimer"/>)
/// and every write is an async write to Kestrel's <c>BodyWriter</c>, so an open stream costs a timer and a few
/// objects, not a thread.
/// </remarks>
internal static class PacedStreamWriter
{
    /// <summary>Streams <paramref name="script"/> to the exchange's response with status 200.</summary>
    public static async Task WriteAsync(FakeExchange exchange, IStreamScript script, StreamSchedule schedule, CancellationToken ct)
    {
        // A stream waits between chunks, so it must end when the fakes stop too (calls outside fault phases carry
        // only the client's token); one linked source per stream, not per call.
        using var stopOrHangUp = CancellationTokenSource.CreateLinkedTokenSource(ct, exchange.Stopping);
        ct = stopOrHangUp.Token;
        using var timer = new StreamTimer(exchange.Time, ct);
        var response = exchange.Response;
        var time = exchange.Time;
        var faults = exchange.StreamFaults;
        response.StatusCode = 200;
        response.ContentType = script.ContentType;
        response.Headers.CacheControl = "no-cache";
        var output = response.BodyWriter;
        await response.StartAsync(ct);
        await output.FlushAsync(ct);

        var started = time.GetTimestamp();
        var tokensSent = 0;
        var pending = false;
        for (var i = 0; i < script.Count; i++)
        {
            var tokens = script.TokensAt(i);
            if (tokens > 0)
            {
                var wait = schedule.Advance(tokens) - time.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                {
                    if (pending) await output.FlushAsync(ct);
                    pending = false;
                    await timer.WaitAsync(wait);
                }
            }
            if (!faults.IsPassThrough)
            {
                var asked = time.GetTimestamp();
                var action = await faults.BeforeChunkAsync(new StreamChunk(i, script.Count, tokens, tokensSent, script.TotalTokens), ct);
                // Time spent in the faults (a stall, a slow-down) shifts the rest of the schedule: the stream then
                // resumes at its pace instead of bursting the overdue tokens to catch up.
                started += time.GetTimestamp() - asked;
                switch (action.Kind)
                {
                    case StreamActionKind.End:
                        await output.FlushAsync(ct);
                        return;
                    case StreamActionKind.Abort:
                        exchange.Http.Abort();
                        return;
                    case StreamActionKind.Fail:
                        script.WriteError(action.Error!, output);
                        await output.FlushAsync(ct);
                        return;
                }
            }
            script.Write(i, output);
            pending = true;
            tokensSent += tokens;
            exchange.OutputTokens = script.HiddenTokens + tokensSent;
            // Flush a token chunk at once: its time of arrival is the point of pacing.
            if (tokens > 0)
            {
                exchange.FirstTokenAt ??= time.GetTimestamp();
                await output.FlushAsync(ct);
                pending = false;
            }
        }
        if (pending) await output.FlushAsync(ct);
    }
}
