using System.Buffers;
using System.Text.Json;
using ChaosKit.Fakes.Content;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Hosting;
using ChaosKit.Fakes.Streaming;

namespace ChaosKit.Fakes.Anthropic;

/// <summary>
/// A streamed <c>POST /v1/messages</c> answer, event for event as PROVIDERS.md §2.3: <c>message_start</c>,
/// <c>content_block_start</c>, <c>ping</c>, one <c>content_block_delta</c> per token, <c>content_block_stop</c>,
/// <c>message_delta</c> (cumulative usage) and <c>message_stop</c>.
/// </summary>
internal sealed class AnthropicStream : IStreamScript
{
    private const int Leading = 3; // message_start, content_block_start, ping
    private const int Trailing = 3; // content_block_stop, message_delta, message_stop

    private readonly MessageResponse _message;
    private readonly TokenPieces _pieces;
    private readonly string _requestId;
    private readonly string _organizationId;

    /// <summary>Streams <paramref name="message"/>; the ids go into an error event.</summary>
    public AnthropicStream(MessageResponse message, string requestId, string organizationId)
    {
        _message = message;
        _requestId = requestId;
        _organizationId = organizationId;
        _pieces = new TokenPieces(message.Answer.Text, message.Answer.OutputTokens);
    }

    /// <inheritdoc />
    public string ContentType => Sse.EventStream;

    /// <inheritdoc />
    public int Count => Leading + _pieces.Count + Trailing;

    /// <inheritdoc />
    public int TotalTokens => _message.Answer.OutputTokens;

    /// <inheritdoc />
    public int TokensAt(int index) => _pieces.TokensAt(index, Leading, TotalTokens);

    /// <inheritdoc />
    public void Write(int index, IBufferWriter<byte> output)
    {
        var piece = index - Leading;
        if (index == 0) Sse.Event(output, "message_start", _message, WriteStart);
        else if (index == 1) Sse.Event(output, "content_block_start", _message, static (json, message) =>
        {
            json.WriteStartObject();
            json.WriteString("type"u8, "content_block_start");
            json.WriteNumber("index"u8, 0);
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
        });
        // Written by hand: the real ping has a space after the colon, and parsers see exactly that.
        else if (index == 2) Sse.Raw(output, "event: ping\ndata: {\"type\": \"ping\"}\n\n");
        else if (piece < _pieces.Count) Sse.NamedEvent(output, "event: content_block_delta\n"u8, (this, piece), WriteDelta);
        else if (piece == _pieces.Count) Sse.Event(output, "content_block_stop", 0, (json, _) =>
        {
            json.WriteStartObject();
            json.WriteString("type"u8, "content_block_stop");
            json.WriteNumber("index"u8, 0);
            json.WriteEndObject();
        });
        else if (piece == _pieces.Count + 1) Sse.Event(output, "message_delta", _message, WriteMessageDelta);
        else Sse.Event(output, "message_stop", 0, (json, _) =>
        {
            json.WriteStartObject();
            json.WriteString("type"u8, "message_stop");
            json.WriteEndObject();
        });
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
        json.Raw("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"u8);
        json.Raw(delta.Stream._message.Answer.Tool is null ? "{\"type\":\"text_delta\",\"text\":"u8 : "{\"type\":\"input_json_delta\",\"partial_json\":"u8);
        json.String(delta.Stream._pieces.Span(delta.Piece));
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
        json.WriteNumber("output_tokens"u8, message.Answer.OutputTokens);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
