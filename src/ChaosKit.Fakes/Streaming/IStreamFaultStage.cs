using ChaosKit.Fakes.Faults;

namespace ChaosKit.Fakes.Streaming;

/// <summary>
/// The seam for stream faults: one stage of a call's <see cref="StreamFaultChain"/>, which the
/// <see cref="PacedStreamWriter"/> asks before each chunk of a streamed answer what to do with that chunk. A fault
/// adds its stage with <see cref="Hosting.FakeExchange.AddStreamFault"/> while it is applied; calls without one stream
/// normally.
/// </summary>
/// <remarks>
/// Every fault shape maps onto one <see cref="StreamAction"/>: cut the stream after N tokens (<see cref="StreamAction.End"/>
/// when <see cref="StreamChunk.TokensSent"/> reaches N), a TCP reset (<see cref="StreamAction.Abort"/>, which calls
/// <c>HttpContext.Abort()</c>), a mid-stream provider error event (<see cref="StreamAction.Fail"/>, rendered by the
/// provider's own protocol), and a wait (await a delay on the run's <see cref="TimeProvider"/>, then
/// <see cref="StreamAction.Continue"/>). The call is on the stream's own async flow; never block in it.
/// </remarks>
internal interface IStreamFaultStage
{
    /// <summary>Where the stage stands in its call's chain (see <see cref="StreamStep"/>).</summary>
    StreamStep Step { get; }

    /// <summary>Decides what happens to <paramref name="chunk"/>, which has not been written yet.</summary>
    ValueTask<StreamAction> BeforeChunkAsync(StreamChunk chunk, CancellationToken ct);
}

/// <summary>
/// The order in which the stages of one call's stream faults act before each chunk, whatever order the phase lists
/// the faults in: the waits first, so they add up, then the cut, which thus sees the time they took.
/// </summary>
internal enum StreamStep
{
    /// <summary><c>latency</c> with <c>on: first_token</c>: once, before the first token.</summary>
    FirstToken,

    /// <summary><c>stream_slow</c>: before each token chunk, its share of the slower pace.</summary>
    Pace,

    /// <summary><c>stream_stall</c>: once, before the first token chunk past its <c>after_tokens</c>.</summary>
    Stall,

    /// <summary><c>stream_cut</c>: ends the stream (close, reset or error event) at its limit.</summary>
    Cut,
}

/// <summary>Where a streamed answer is when the writer asks the call's stream fault stages about its next chunk.</summary>
/// <param name="Index">0-based index of the chunk about to be written.</param>
/// <param name="Count">Chunks in the whole answer (framing events included).</param>
/// <param name="Tokens">Output tokens this chunk carries (0 for framing events such as <c>message_start</c>).</param>
/// <param name="TokensSent">Output tokens already written.</param>
/// <param name="TotalTokens">Output tokens the whole answer carries.</param>
internal readonly record struct StreamChunk(int Index, int Count, int Tokens, int TokensSent, int TotalTokens);

/// <summary>What the stream writer does with the next chunk.</summary>
/// <param name="Kind">The action.</param>
/// <param name="Error">For <see cref="StreamActionKind.Fail"/>: the error the provider reports in its stream.</param>
internal readonly record struct StreamAction(StreamActionKind Kind, ErrorReply? Error = null)
{
    /// <summary>Write the chunk and go on.</summary>
    public static StreamAction Continue => default;

    /// <summary>Close the response cleanly here, without the chunk or anything after it (no terminator event).</summary>
    public static StreamAction End => new(StreamActionKind.End);

    /// <summary>Reset the connection here (<c>HttpContext.Abort()</c>): the client sees a torn body.</summary>
    public static StreamAction Abort => new(StreamActionKind.Abort);

    /// <summary>Write the provider's in-stream error event for <paramref name="error"/> instead of the chunk, then end.</summary>
    public static StreamAction Fail(ErrorReply error) => new(StreamActionKind.Fail, error);
}

/// <summary>The kinds of <see cref="StreamAction"/>.</summary>
internal enum StreamActionKind
{
    /// <summary>Write the chunk.</summary>
    Continue,
    /// <summary>End the body cleanly before the chunk.</summary>
    End,
    /// <summary>Reset the connection before the chunk.</summary>
    Abort,
    /// <summary>Write an error event instead of the chunk, then end.</summary>
    Fail,
}
