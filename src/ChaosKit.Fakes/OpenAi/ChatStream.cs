using System.Buffers;
using System.Text.Json;
using ChaosKit.Fakes.Content;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Streaming;

namespace ChaosKit.Fakes.OpenAi;

/// <summary>
/// A streamed chat completion as PROVIDERS.md §1.2: data-only events; a first chunk with the role and empty
/// content, one chunk per token, a chunk with the <c>finish_reason</c> and an empty delta, with
/// <c>include_usage</c> a final chunk with <c>choices: []</c> and the usage (every other chunk then says
/// <c>"usage":null</c>), and <c>data: [DONE]</c>.
/// </summary>
internal sealed class ChatStream : IStreamScript
{
    private readonly ChatCompletion _chat;
    private readonly bool _includeUsage;
    private readonly string _requestId;
    private readonly TokenPieces _pieces;

    /// <summary>Streams <paramref name="chat"/>.</summary>
    public ChatStream(ChatCompletion chat, bool includeUsage, string requestId)
    {
        _chat = chat;
        _includeUsage = includeUsage;
        _pieces = new TokenPieces(chat.Answer.Text, chat.Answer.OutputTokens);
        _requestId = requestId;
    }

    /// <inheritdoc />
    public string ContentType => Sse.EventStream;

    /// <inheritdoc />
    // role chunk, pieces, finish chunk, [usage chunk], [DONE]
    public int Count => 1 + _pieces.Count + 1 + (_includeUsage ? 1 : 0) + 1;

    /// <inheritdoc />
    public int TotalTokens => _chat.Answer.OutputTokens;

    /// <inheritdoc />
    public int TokensAt(int index) => _pieces.TokensAt(index, 1, TotalTokens);

    /// <inheritdoc />
    public void Write(int index, IBufferWriter<byte> output)
    {
        var piece = index - 1;
        if (index == Count - 1) Sse.Raw(output, "data: [DONE]\n\n");
        else if (index == 0) Sse.Event(output, null, this, static (json, s) => s.WriteChunk(json, ChunkKind.Role, null));
        else if (piece < _pieces.Count) Sse.Event(output, null, (this, _pieces[piece]), static (json, s) => s.Item1.WriteChunk(json, ChunkKind.Content, s.Item2));
        else if (piece == _pieces.Count) Sse.Event(output, null, this, static (json, s) => s.WriteChunk(json, ChunkKind.Finish, null));
        else Sse.Event(output, null, this, static (json, s) => s.WriteChunk(json, ChunkKind.Usage, null));
    }

    /// <inheritdoc />
    // The real API reports trouble mid-stream as a bare error object in a data line (the .NET SDK ignores it).
    public void WriteError(ErrorReply error, IBufferWriter<byte> output)
    {
        Sse.Event(output, null, OpenAiError.For(error, _chat.Model, _requestId), OpenAiError.Write);
    }

    private enum ChunkKind { Role, Content, Finish, Usage }

    private void WriteChunk(Utf8JsonWriter json, ChunkKind kind, string? text)
    {
        json.WriteStartObject();
        json.WriteString("id"u8, _chat.Id);
        json.WriteString("object"u8, "chat.completion.chunk");
        json.WriteNumber("created"u8, _chat.Created);
        json.WriteString("model"u8, _chat.Model);
        json.WriteString("service_tier"u8, "default");
        json.WriteString("system_fingerprint"u8, _chat.SystemFingerprint);
        json.WriteStartArray("choices"u8);
        if (kind != ChunkKind.Usage)
        {
            json.WriteStartObject();
            json.WriteNumber("index"u8, 0);
            json.WriteStartObject("delta"u8);
            var tool = _chat.Answer.Tool is not null;
            if (kind == ChunkKind.Role)
            {
                json.WriteString("role"u8, "assistant");
                if (tool) json.WriteNull("content"u8);
                else json.WriteString("content"u8, "");
                if (tool) _chat.WriteToolCalls(json, "", header: true);
                json.WriteNull("refusal"u8);
            }
            else if (kind == ChunkKind.Content)
            {
                // A tool call streams its arguments as pieces of tool_calls[0].function.arguments.
                if (tool) _chat.WriteToolCalls(json, text!, header: false);
                else json.WriteString("content"u8, text);
            }
            json.WriteEndObject();
            json.WriteNull("logprobs"u8);
            if (kind == ChunkKind.Finish) json.WriteString("finish_reason"u8, _chat.FinishReason);
            else json.WriteNull("finish_reason"u8);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (kind == ChunkKind.Usage) ChatCompletion.WriteUsage(json, _chat);
        else if (_includeUsage) json.WriteNull("usage"u8);
        json.WriteEndObject();
    }
}
