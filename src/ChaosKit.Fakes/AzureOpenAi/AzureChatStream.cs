using System.Buffers;
using System.Text.Json;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.OpenAi;
using ChaosKit.Fakes.Streaming;

namespace ChaosKit.Fakes.AzureOpenAi;

/// <summary>
/// Azure's chat stream (docs/providers.md#azure-openai-streaming): first a chunk with <c>choices: []</c>,
/// <c>created: 0</c>, empty <c>id</c>, <c>model</c> and <c>object</c> and the <c>prompt_filter_results</c>; then
/// OpenAI's chunks with alphabetical keys and <c>content_filter_results: {}</c> on each choice (with <c>n</c> choices,
/// in the order of <see cref="ChoiceSchedule"/>); then <c>data: [DONE]</c>.
/// </summary>
internal sealed class AzureChatStream : IStreamScript
{
    private readonly ChatCompletion _chat;
    private readonly bool _includeUsage;
    private readonly ChoiceSchedule _schedule;

    /// <summary>Streams <paramref name="chat"/>.</summary>
    public AzureChatStream(ChatCompletion chat, bool includeUsage)
    {
        _chat = chat;
        _includeUsage = includeUsage;
        _schedule = new ChoiceSchedule(chat.Choices);
    }

    /// <inheritdoc />
    public string ContentType => "text/event-stream; charset=utf-8";

    /// <inheritdoc />
    // filter chunk, role chunks, pieces and finish chunks, [usage chunk], [DONE]
    public int Count => First + _schedule.Count + (_includeUsage ? 1 : 0) + 1;

    /// <inheritdoc />
    public int TotalTokens => _schedule.TotalTokens;

    /// <inheritdoc />
    public int HiddenTokens => _chat.ReasoningTokens;

    // The chunk after the filter chunk and the role chunks.
    private int First => 1 + _chat.Choices.Count;

    /// <inheritdoc />
    public int TokensAt(int index) => index >= First && index - First < _schedule.Count ? _schedule.TokensAt(index - First) : 0;

    /// <inheritdoc />
    public void Write(int index, IBufferWriter<byte> output)
    {
        var scheduled = index - First;
        if (index == Count - 1) Sse.Raw(output, "data: [DONE]\n\n");
        else if (index == 0) Sse.Event(output, null, 0, static (json, _) => ContentFilter.WritePromptChunk(json));
        else if (index < First) Sse.Event(output, null, (this, new ChoiceSchedule.Entry(index - 1, 0)), static (json, s) => s.Item1.WriteChunk(json, Kind.Role, s.Item2));
        else if (scheduled < _schedule.Count)
        {
            var entry = _schedule.At(scheduled);
            Sse.Event(output, null, (this, entry), static (json, s) =>
                s.Item1.WriteChunk(json, s.Item2.Piece == ChoiceSchedule.Finish ? Kind.Finish : Kind.Content, s.Item2));
        }
        else Sse.Event(output, null, this, static (json, s) => s.WriteChunk(json, Kind.Usage, default));
    }

    /// <inheritdoc />
    public void WriteError(ErrorReply error, IBufferWriter<byte> output)
    {
        Sse.Event(output, null, OpenAiError.For(error, _chat.Model, ""), OpenAiError.Write);
    }

    private enum Kind { Role, Content, Finish, Usage }

    private void WriteChunk(Utf8JsonWriter json, Kind kind, ChoiceSchedule.Entry entry)
    {
        json.WriteStartObject();
        json.WriteStartArray("choices"u8);
        if (kind != Kind.Usage)
        {
            var choice = _schedule.ChoiceOf(entry);
            json.WriteStartObject();
            json.WriteStartObject("content_filter_results"u8);
            json.WriteEndObject();
            json.WriteStartObject("delta"u8);
            var tool = choice.Answer.Tool is not null;
            if (kind == Kind.Role)
            {
                if (tool) json.WriteNull("content"u8);
                else json.WriteString("content"u8, "");
                json.WriteNull("refusal"u8);
                json.WriteString("role"u8, "assistant");
                if (tool) AzureChat.WriteToolCalls(json, choice, "", header: true, streamed: true);
            }
            else if (kind == Kind.Content)
            {
                // A tool call streams its arguments as pieces of tool_calls[0].function.arguments.
                if (tool) AzureChat.WriteToolCalls(json, choice, _schedule.Text(entry), header: false, streamed: true);
                else json.WriteString("content"u8, _schedule.Text(entry));
            }
            json.WriteEndObject();
            if (kind == Kind.Finish) json.WriteString("finish_reason"u8, choice.FinishReason);
            else json.WriteNull("finish_reason"u8);
            json.WriteNumber("index"u8, entry.Choice);
            AzureChat.WriteLogprobs(json, kind == Kind.Content ? choice.Logprobs?.One(entry.Piece) : null);
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
