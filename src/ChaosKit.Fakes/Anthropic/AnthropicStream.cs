using System.Buffers;
using System.Text.Json;
using ChaosKit.Fakes.Content;
using ChaosKit.Fakes.Faults;
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
            json.WriteString("type", "content_block_start");
            json.WriteNumber("index", 0);
            json.WriteStartObject("content_block");
            if (message.Answer.Tool is { } tool)
            {
                json.WriteString("type", "tool_use");
                json.WriteString("id", message.ToolUseId);
                json.WriteString("name", tool.Name);
                json.WriteStartObject("input");
                json.WriteEndObject();
            }
            else
            {
                json.WriteString("type", "text");
                json.WriteString("text", "");
            }
            json.WriteEndObject();
            json.WriteEndObject();
        });
        // Written by hand: the real ping has a space after the colon, and parsers see exactly that.
        else if (index == 2) Sse.Raw(output, "event: ping\ndata: {\"type\": \"ping\"}\n\n");
        else if (piece < _pieces.Count) Sse.Event(output, "content_block_delta", (_pieces[piece], _message.Answer.Tool is not null), WriteDelta);
        else if (piece == _pieces.Count) Sse.Event(output, "content_block_stop", 0, (json, _) =>
        {
            json.WriteStartObject();
            json.WriteString("type", "content_block_stop");
            json.WriteNumber("index", 0);
            json.WriteEndObject();
        });
        else if (piece == _pieces.Count + 1) Sse.Event(output, "message_delta", _message, WriteMessageDelta);
        else Sse.Event(output, "message_stop", 0, (json, _) =>
        {
            json.WriteStartObject();
            json.WriteString("type", "message_stop");
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
        json.WriteString("type", "message_start");
        json.WriteStartObject("message");
        json.WriteString("id", message.Id);
        json.WriteString("type", "message");
        json.WriteString("role", "assistant");
        json.WriteString("model", message.Model);
        json.WriteStartArray("content");
        json.WriteEndArray();
        json.WriteNull("stop_reason");
        json.WriteNull("stop_sequence");
        json.WriteStartObject("usage");
        json.WriteNumber("input_tokens", message.InputTokens);
        json.WriteNumber("cache_creation_input_tokens", 0);
        json.WriteNumber("cache_read_input_tokens", 0);
        json.WriteNumber("output_tokens", 1);
        json.WriteString("service_tier", "standard");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    // Tool arguments stream as input_json_delta pieces that add up to the input JSON.
    private static void WriteDelta(Utf8JsonWriter json, (string Text, bool Tool) piece)
    {
        json.WriteStartObject();
        json.WriteString("type", "content_block_delta");
        json.WriteNumber("index", 0);
        json.WriteStartObject("delta");
        json.WriteString("type", piece.Tool ? "input_json_delta" : "text_delta");
        json.WriteString(piece.Tool ? "partial_json" : "text", piece.Text);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteMessageDelta(Utf8JsonWriter json, MessageResponse message)
    {
        json.WriteStartObject();
        json.WriteString("type", "message_delta");
        json.WriteStartObject("delta");
        json.WriteString("stop_reason", message.StopReason);
        if (message.Answer.StopSequence is { } stop) json.WriteString("stop_sequence", stop);
        else json.WriteNull("stop_sequence");
        json.WriteEndObject();
        // Cumulative, as the real stream reports it; newer streams repeat the input counters here.
        json.WriteStartObject("usage");
        json.WriteNumber("input_tokens", message.InputTokens);
        json.WriteNumber("cache_creation_input_tokens", 0);
        json.WriteNumber("cache_read_input_tokens", 0);
        json.WriteNumber("output_tokens", message.Answer.OutputTokens);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
