namespace ChaosKit.Fakes.Streaming;

/// <summary>
/// A stage that holds a stream once, before its first token chunk past <paramref name="afterTokens"/> output tokens:
/// a first-token latency (after 0 tokens) or a stall. <see cref="Timeout.InfiniteTimeSpan"/> holds it until the call
/// ends (the client gives up or the fakes stop).
/// </summary>
/// <param name="step">Where the pause stands in the chain: <see cref="StreamStep.FirstToken"/> or <see cref="StreamStep.Stall"/>.</param>
/// <param name="afterTokens">Output tokens written before the pause.</param>
/// <param name="wait">How long the stream stops, on <paramref name="time"/>.</param>
/// <param name="time">The run's time source.</param>
internal sealed class StreamPause(StreamStep step, int afterTokens, TimeSpan wait, TimeProvider time) : IStreamFaultStage
{
    private bool _done;

    /// <inheritdoc />
    public StreamStep Step => step;

    /// <inheritdoc />
    public async ValueTask<StreamAction> BeforeChunkAsync(StreamChunk chunk, CancellationToken ct)
    {
        if (_done || chunk.Tokens == 0 || chunk.TokensSent < afterTokens) return StreamAction.Continue;
        _done = true;
        // An infinite delay ends only through ct: the client hanging up or the fakes stopping.
        if (wait > TimeSpan.Zero || wait == Timeout.InfiniteTimeSpan) await Task.Delay(wait, time, ct);
        return StreamAction.Continue;
    }
}
