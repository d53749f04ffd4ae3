using System.Buffers;
using ChaosKit.Fakes.Content;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Streaming;

namespace ChaosKit.Fakes.Gemini;

/// <summary>
/// A <c>streamGenerateContent?alt=sse</c> answer (PROVIDERS.md §3): data-only events ended by <c>\r\n\r\n</c>, each a
/// whole <c>GenerateContentResponse</c> with one token of text; the last adds <c>finishReason</c> and the full usage.
/// No <c>[DONE]</c>: the stream ends when the connection closes.
/// </summary>
internal sealed class GeminiStream : IStreamScript
{
    private const string Terminator = "\r\n\r\n";

    private readonly GeminiResponse _response;
    private readonly TokenPieces _pieces;

    /// <summary>Streams <paramref name="response"/>.</summary>
    public GeminiStream(GeminiResponse response)
    {
        _response = response;
        _pieces = new TokenPieces(response.Answer.Text, response.Answer.OutputTokens);
    }

    /// <inheritdoc />
    public string ContentType => "text/event-stream";

    /// <inheritdoc />
    // A function call goes out whole, in one chunk.
    public int Count => _response.Answer.Tool is null ? Math.Max(1, _pieces.Count) : 1;

    /// <inheritdoc />
    public int TotalTokens => _response.Answer.OutputTokens;

    /// <inheritdoc />
    public int TokensAt(int index) => index == Count - 1 ? Math.Max(1, TotalTokens - index) : 1;

    /// <inheritdoc />
    public void Write(int index, IBufferWriter<byte> output)
    {
        var text = _pieces.Count == 0 || _response.Answer.Tool is not null ? "" : _pieces[index];
        var final = index == Count - 1;
        Sse.Event(output, null, (this, text, final), static (json, s) => s.Item1._response.Write(json, s.text, s.final), Terminator);
    }

    /// <inheritdoc />
    // The .NET SDK throws when a chunk parses as JSON with an "error" member: the error envelope, in a data line.
    public void WriteError(ErrorReply error, IBufferWriter<byte> output)
    {
        Sse.Event(output, null, GeminiError.For(error, _response.ModelVersion), GeminiError.Write, Terminator);
    }
}
