using System.Buffers;
using System.Text.Json;
using ChaosKit.Fakes.Content;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.OpenAi;
using ChaosKit.Fakes.Streaming;

namespace ChaosKit.Fakes.AzureOpenAi;

/// <summary>
/// Azure's chat stream (PROVIDERS.md §4): first a chunk with <c>choices: []</c>, <c>created: 0</c>, empty
/// <c>id</c>, <c>model</c> and <c>object</c> and the <c>prompt_filter_results</c>; then OpenAI's chunks with
/// alphabetical keys and <c>content_filter_results: {}</c> on each choice; then <c>data: [DONE]</c>.
/// </summary>
internal sealed class AzureChatStream : IStreamScript
{
    private readonly ChatCompletion _chat;
    private readonly bool _includeUsage;
    private readonly TokenPieces _pieces;

    /// <summary>Streams <paramref name="chat"/>.</summary>
    public AzureChatStream(ChatCompletion chat, bool includeUsage)
    {
        _chat = chat;
        _includeUsage = includeUsage;
        _pieces = new TokenPieces(chat.Answer.Text, chat.Answer.OutputTokens);
    }

    /// <inheritdoc />
    public string ContentType => "text/event-stream; charset=utf-8";

    /// <inheritdoc />
    // filter chunk, role chunk, pieces, finish chunk, [usage chunk], [DONE]
    public int Count => 2 + _pieces.Count + 1 + (_includeUsage ? 1 : 0) + 1;

    /// <inheritdoc />
    public int TotalTokens => _chat.Answer.OutputTokens;

    /// <inheritdoc />
    public int TokensAt(int index) => _pieces.TokensAt(index, 2, TotalTokens);

    /// <inheritdoc />
    public void Write(int index, IBufferWriter<byte> output)
    {
        var piece = index - 2;
        if (index == Count - 1) Sse.Raw(output, "data: [DONE]\n\n");
        else if (index == 0) Sse.Event(output, null, 0, static (json, _) => ContentFilter.WritePromptChunk(json));
        else if (index == 1) Sse.Event(output, null, this, static (json, s) => s.WriteChunk(json, Kind.Role, null));
        else if (piece < _pieces.Count) Sse.Event(output, null, (this, _pieces[piece]), static (json, s) => s.Item1.WriteChunk(json, Kind.Content, s.Item2));
        else if (piece == _pieces.Count) Sse.Event(output, null, this, static (json, s) => s.WriteChunk(json, Kind.Finish, null));
        else Sse.Event(output, null, this, static (json, s) => s.WriteChunk(json, Kind.Usage, null));
    }

    /// <inheritdoc />
    public void WriteError(ErrorReply error, IBufferWriter<byte> output)
    {
        Sse.Event(output, null, OpenAiError.For(error, _chat.Model, ""), OpenAiError.Write);
    }

    private enum Kind { Role, Content, Finish, Usage }

    private void WriteChunk(Utf8JsonWriter json, Kind kind, string? text)
    {
        json.WriteStartObject();
        json.WriteStartArray("choices"u8);
        if (kind != Kind.Usage)
        {
            json.WriteStartObject();
            json.WriteStartObject("content_filter_results"u8);
            json.WriteEndObject();
            json.WriteStartObject("delta"u8);
            var tool = _chat.Answer.Tool is not null;
            if (kind == Kind.Role)
            {
                if (tool) json.WriteNull("content"u8);
                else json.WriteString("content"u8, "");
                json.WriteNull("refusal"u8);
                json.WriteString("role"u8, "assistant");
                if (tool) AzureChat.WriteToolCalls(json, _chat, "", header: true, streamed: true);
            }
            else if (kind == Kind.Content)
            {
                // A tool call streams its arguments as pieces of tool_calls[0].function.arguments.
                if (tool) AzureChat.WriteToolCalls(json, _chat, text!, header: false, streamed: true);
                else json.WriteString("content"u8, text);
            }
            json.WriteEndObject();
            if (kind == Kind.Finish) json.WriteString("finish_reason"u8, _chat.FinishReason);
            else json.WriteNull("finish_reason"u8);
            json.WriteNumber("index"u8, 0);
            json.WriteNull("logprobs"u8);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteNumber("created"u8, _chat.Created);
        json.WriteString("id"u8, _chat.Id);
        json.WriteString("model"u8, _chat.Model);
        json.WriteString("object"u8, "chat.completion.chunk");
        json.WriteString("system_fingerprint"u8, _chat.SystemFingerprint);
        if (kind == Kind.Usage) AzureChat.WriteUsage(json, _chat);
        else if (_includeUsage) json.WriteNull("usage"u8);
        json.WriteEndObject();
    }
}
