using System.Buffers;
using ChaosKit.Fakes.Faults;

namespace ChaosKit.Fakes.Streaming;

/// <summary>
/// A provider's streamed answer as a numbered list of chunks (SSE events), each rendered only when it is due so a
/// thousand open streams hold a few small objects each rather than their whole bodies.
/// </summary>
internal interface IStreamScript
{
    /// <summary>The response content type, e.g. <c>text/event-stream; charset=utf-8</c>.</summary>
    string ContentType { get; }

    /// <summary>Number of chunks.</summary>
    int Count { get; }

    /// <summary>Output tokens in the whole answer.</summary>
    int TotalTokens { get; }

    /// <summary>
    /// Output tokens billed but never sent: a reasoning model's hidden reasoning, thinking beyond its summary. The
    /// journal counts them with the tokens sent, as the provider bills them.
    /// </summary>
    int HiddenTokens => 0;

    /// <summary>Output tokens chunk <paramref name="index"/> carries; 0 for framing events, which go out without a wait.</summary>
    int TokensAt(int index);

    /// <summary>Writes chunk <paramref name="index"/>, framing included (<c>data: …\n\n</c>).</summary>
    void Write(int index, IBufferWriter<byte> output);

    /// <summary>Writes the provider's in-stream error event for <paramref name="error"/>.</summary>
    void WriteError(ErrorReply error, IBufferWriter<byte> output);
}
