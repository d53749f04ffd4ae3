using System.Buffers;
using System.Text.Json;
using ChaosKit.Fakes.Content;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Hosting;
using ChaosKit.Fakes.Streaming;

namespace ChaosKit.Fakes.Anthropic;

/// <summary>
/// A streamed <c>POST /v1/messages</c> answer, event for event as docs/providers.md#anthropic-streaming:
/// <c>message_start</c>, <c>content_block_start</c>, <c>ping</c>, one <c>content_block_delta</c> per token,
/// <c>content_block_stop</c>, <c>message_delta</c> (cumulative usage) and <c>message_stop</c>. With extended thinking,
/// a <c>thinking</c> block comes first (index 0: <c>thinking_delta</c>s, then one <c>signature_delta</c>) and the
/// answer's block is index 1.
/// </summary>
internal sealed class AnthropicStream : IStreamScript
{
    private const int Trailing = 2; // message_delta, message_stop

    private readonly MessageResponse _message;
    private readonly TokenPieces _pieces;
    private readonly TokenPieces _thinking;
    private readonly string _requestId;
    private readonly string _organizationId;
    // Event numbers: message_start 0, the first block's start 1, ping 2; then, with thinking, its deltas from 3, its
    // signature and stop, and the answer block's start; then the answer's deltas from _answerFirst and its stop.
    private readonly int _thinkingEnd;
    private readonly int _answerFirst;
    private readonly int _answerBlock;

    /// <summary>Streams <paramref name="message"/>; the ids go into an error event.</summary>
    public AnthropicStream(MessageResponse message, string requestId, string organizationId)
    {
        _message = message;
        _requestId = requestId;
        _organizationId = organizationId;
        _pieces = new TokenPieces(message.Answer.Text, message.Answer.OutputTokens);
        _thinking = message.Thinking is { } thinking ? new TokenPieces(thinking.Text, thinking.Tokens) : default;
        _thinkingEnd = 3 + _thinking.Count;
        (_answerBlock, _answerFirst) = message.Thinking is null ? (0, 3) : (1, _thinkingEnd + 3);
    }

    /// <inheritdoc />
    public string ContentType => Sse.EventStream;

    /// <inheritdoc />
    public int Count => _answerFirst + _pieces.Count + 1 + Trailing;

    /// <inheritdoc />
    public int TotalTokens => _message.OutputTokens;

    /// <inheritdoc />
    public int TokensAt(int index) => _message.Thinking is not { } thinking ? _pieces.TokensAt(index, _answerFirst, _message.Answer.OutputTokens)
        : index < _thinkingEnd ? _thinking.TokensAt(index, 3, thinking.Tokens)
        // Omitted thinking sends no deltas: its time passes before the signature, as the model still thinks.
        : index == _thinkingEnd && _thinking.Count == 0 ? thinking.Tokens
        : _pieces.TokensAt(index, _answerFirst, _message.Answer.OutputTokens);

    /// <inheritdoc />
    public void Write(int index, IBufferWriter<byte> output)
    {
        var thinking = _message.Thinking;
        var piece = index - _answerFirst;
        if (index == 0) Sse.Event(output, "message_start", _message, WriteStart);
        else if (index == 1 && thinking is not null) Sse.Event(output, "content_block_start", 0, WriteThinkingStart);
        else if (index == 1 || (thinking is not null && index == _answerFirst - 1)) Sse.Event(output, "content_block_start", this, WriteAnswerStart);
        // Written by hand: the real ping has a space after the colon, and parsers see exactly that.
        else if (index == 2) Sse.Raw(output, "event: ping\ndata: {\"type\": \"ping\"}\n\n");
        else if (thinking is not null && index < _thinkingEnd) Sse.NamedEvent(output, "event: content_block_delta\n"u8, (this, index - 3), WriteThinkingDelta);
        else if (thinking is not null && index == _thinkingEnd) Sse.Event(output, "content_block_delta", thinking.Signature, WriteSignature);
        else if (thinking is not null && index == _thinkingEnd + 1) Sse.Event(output, "content_block_stop", 0, WriteBlockStop);
        else if (piece < _pieces.Count) Sse.NamedEvent(output, "event: content_block_delta\n"u8, (this, piece), WriteDelta);
        else if (piece == _pieces.Count) Sse.Event(output, "content_block_stop", _answerBlock, WriteBlockStop);
        else if (piece == _pieces.Count + 1) Sse.Event(output, "message_delta", _message, WriteMessageDelta);
        else Sse.Event(output, "message_stop", 0, (json, _) =>
        {
            json.WriteStartObject();
            json.WriteString("type"u8, "message_stop");
            json.WriteEndObject();
        });
    }

    private static void WriteThinkingStart(Utf8JsonWriter json, int _)
    {
        json.WriteStartObject();
        json.WriteString("type"u8, "content_block_start");
        json.WriteNumber("index"u8, 0);
        json.WriteStartObject("content_block"u8);
        json.WriteString("type"u8, "thinking");
        json.WriteString("thinking"u8, "");
        json.WriteString("signature"u8, "");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteAnswerStart(Utf8JsonWriter json, AnthropicStream stream)
    {
        var message = stream._message;
        json.WriteStartObject();
        json.WriteString("type"u8, "content_block_start");
        json.WriteNumber("index"u8, stream._answerBlock);
        json.WriteStartObject("content_block"u8);
        if (message.Answer.Tool is { } tool)
        {
            json.WriteString("type"u8, "tool_use");
            json.WriteString("id"u8, message.ToolUseId);
            json.WriteString("name"u8, tool.Name);
            json.WriteStartObject("input"u8);
            json.WriteEndObject();
        }
        else
        {
            json.WriteString("type"u8, "text");
            json.WriteString("text"u8, "");
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    // The signature arrives whole, in one delta, just before the thinking block stops.
    private static void WriteSignature(Utf8JsonWriter json, string signature)
    {
        json.WriteStartObject();
        json.WriteString("type"u8, "content_block_delta");
        json.WriteNumber("index"u8, 0);
        json.WriteStartObject("delta"u8);
        json.WriteString("type"u8, "signature_delta");
        json.WriteString("signature"u8, signature);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteBlockStop(Utf8JsonWriter json, int block)
    {
        json.WriteStartObject();
        json.WriteString("type"u8, "content_block_stop");
        json.WriteNumber("index"u8, block);
        json.WriteEndObject();
    }

    /// <inheritdoc />
    public void WriteError(ErrorReply error, IBufferWriter<byte> output)
    {
        var (type, message, code) = AnthropicErrors.For(error, _organizationId, _message.Model, now: null);
        Sse.Event(output, "error", (type, message, _requestId, code), AnthropicErrors.WriteBody);
    }

    private static void WriteStart(Utf8JsonWriter json, MessageResponse message)
    {
        json.WriteStartObject();
        json.WriteString("type"u8, "message_start");
        json.WriteStartObject("message"u8);
        json.WriteString("id"u8, message.Id);
        json.WriteString("type"u8, "message");
        json.WriteString("role"u8, "assistant");
        json.WriteString("model"u8, message.Model);
        json.WriteStartArray("content"u8);
        json.WriteEndArray();
        json.WriteNull("stop_reason"u8);
        json.WriteNull("stop_sequence"u8);
        json.WriteStartObject("usage"u8);
        json.WriteNumber("input_tokens"u8, message.InputTokens);
        json.WriteNumber("cache_creation_input_tokens"u8, 0);
        json.WriteNumber("cache_read_input_tokens"u8, 0);
        json.WriteNumber("output_tokens"u8, 1);
        json.WriteString("service_tier"u8, "standard");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    // One per token, so appended as fixed runs and values (see JsonAppender), with the piece as a span of the answer
    // rather than a string of its own. Tool arguments stream as input_json_delta pieces that add up to the input JSON.
    private static readonly AppendJson<(AnthropicStream Stream, int Piece)> WriteDelta = static (ref json, delta) =>
    {
        json.Raw(delta.Stream._answerBlock == 0 ? "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"u8 : "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":"u8);
        json.Raw(delta.Stream._message.Answer.Tool is null ? "{\"type\":\"text_delta\",\"text\":"u8 : "{\"type\":\"input_json_delta\",\"partial_json\":"u8);
        json.String(delta.Stream._pieces.Span(delta.Piece));
        json.Raw("}}"u8);
    };

    private static readonly AppendJson<(AnthropicStream Stream, int Piece)> WriteThinkingDelta = static (ref json, delta) =>
    {
        json.Raw("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":"u8);
        json.String(delta.Stream._thinking.Span(delta.Piece));
        json.Raw("}}"u8);
    };

    private static void WriteMessageDelta(Utf8JsonWriter json, MessageResponse message)
    {
        json.WriteStartObject();
        json.WriteString("type"u8, "message_delta");
        json.WriteStartObject("delta"u8);
        json.WriteString("stop_reason"u8, message.StopReason);
        if (message.Answer.StopSequence is { } stop) json.WriteString("stop_sequence"u8, stop);
        else json.WriteNull("stop_sequence"u8);
        json.WriteEndObject();
        // Cumulative, as the real stream reports it; newer streams repeat the input counters here.
        json.WriteStartObject("usage"u8);
        json.WriteNumber("input_tokens"u8, message.InputTokens);
        json.WriteNumber("cache_creation_input_tokens"u8, 0);
        json.WriteNumber("cache_read_input_tokens"u8, 0);
        json.WriteNumber("output_tokens"u8, message.OutputTokens);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
