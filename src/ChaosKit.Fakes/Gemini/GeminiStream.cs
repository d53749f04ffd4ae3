using System.Buffers;
using ChaosKit.Fakes.Content;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Streaming;

namespace ChaosKit.Fakes.Gemini;

/// <summary>
/// A <c>streamGenerateContent?alt=sse</c> answer (docs/providers.md#gemini-streaming): data-only events ended by
/// <c>\r\n\r\n</c>, each a whole <c>GenerateContentResponse</c> with one token of text (of the thought summary first,
/// when one was asked for, then of the answer); the last adds <c>finishReason</c> and the full usage. No <c>[DONE]</c>:
/// the stream ends when the connection closes.
/// </summary>
internal sealed class GeminiStream : IStreamScript
{
    private const string Terminator = "\r\n\r\n";

    private readonly GeminiResponse _response;
    private readonly TokenPieces _thought;
    private readonly TokenPieces _pieces;
    private readonly int _thoughtTokens;

    /// <summary>Streams <paramref name="response"/>.</summary>
    public GeminiStream(GeminiResponse response)
    {
        _response = response;
        if (response.Thinking.Summary is { } summary)
        {
            _thought = new TokenPieces(summary.Text, summary.OutputTokens);
            _thoughtTokens = summary.OutputTokens;
        }
        _pieces = new TokenPieces(response.Answer.Text, response.Answer.OutputTokens);
    }

    /// <inheritdoc />
    public string ContentType => "text/event-stream";

    /// <inheritdoc />
    // A function call goes out whole, in one chunk, after the thought summary's.
    public int Count => _thought.Count + (_response.Answer.Tool is null ? Math.Max(1, _pieces.Count) : 1);

    /// <inheritdoc />
    public int TotalTokens => _thoughtTokens + _response.Answer.OutputTokens;

    /// <inheritdoc />
    // The thinking beyond the summary sent (a summary is at most a quarter of it).
    public int HiddenTokens => _response.Thinking.Tokens - _thoughtTokens;

    /// <inheritdoc />
    public int TokensAt(int index) => index < _thought.Count
        ? _thought.TokensAt(index, 0, _thoughtTokens)
        : index == Count - 1 ? Math.Max(1, _response.Answer.OutputTokens - (index - _thought.Count)) : 1;

    /// <inheritdoc />
    public void Write(int index, IBufferWriter<byte> output)
    {
        if (index < _thought.Count)
        {
            Sse.Event(output, null, (this, _thought[index]), static (json, s) => s.Item1._response.Write(json, s.Item2, null, final: false), Terminator);
            return;
        }
        var piece = index - _thought.Count;
        var text = _pieces.Count == 0 || _response.Answer.Tool is not null ? "" : _pieces[piece];
        var final = index == Count - 1;
        Sse.Event(output, null, (this, text, final), static (json, s) => s.Item1._response.Write(json, null, s.text, s.final), Terminator);
    }

    /// <inheritdoc />
    // The .NET SDK throws when a chunk parses as JSON with an "error" member: the error envelope, in a data line.
    public void WriteError(ErrorReply error, IBufferWriter<byte> output)
    {
        Sse.Event(output, null, GeminiError.For(error, _response.ModelVersion), GeminiError.Write, Terminator);
    }
}
