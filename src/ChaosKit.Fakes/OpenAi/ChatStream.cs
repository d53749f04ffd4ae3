using System.Buffers;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Hosting;
using ChaosKit.Fakes.Streaming;

namespace ChaosKit.Fakes.OpenAi;

/// <summary>
/// A streamed chat completion as docs/providers.md#openai-chat-streaming: data-only events; a first chunk with the role
/// and empty content, one chunk per token, a chunk with the <c>finish_reason</c> and an empty delta, with
/// <c>include_usage</c> a final chunk with <c>choices: []</c> and the usage (every other chunk then says
/// <c>"usage":null</c>), and <c>data: [DONE]</c>. With <c>n</c> choices, a role chunk for each, then their tokens in
/// turn (see <see cref="ChoiceSchedule"/>), each chunk carrying one choice by its <c>index</c>. Every chunk ends with
/// <see cref="Obfuscation"/> padding unless the request turned it off.
/// </summary>
internal sealed class ChatStream : IStreamScript
{
    private readonly ChatCompletion _chat;
    private readonly bool _includeUsage;
    private readonly string _requestId;
    private readonly ChoiceSchedule _schedule;
    private readonly ulong? _obfuscation;

    /// <summary>Streams <paramref name="chat"/>; <paramref name="obfuscate"/> pads each chunk.</summary>
    public ChatStream(ChatCompletion chat, bool includeUsage, string requestId, bool obfuscate = true)
    {
        _chat = chat;
        _includeUsage = includeUsage;
        _schedule = new ChoiceSchedule(chat.Choices);
        _requestId = requestId;
        _obfuscation = obfuscate ? Obfuscation.SeedOf(chat.Id) : null;
    }

    /// <inheritdoc />
    public string ContentType => Sse.EventStream;

    /// <inheritdoc />
    // role chunks, pieces and finish chunks, [usage chunk], [DONE]
    public int Count => Roles + _schedule.Count + (_includeUsage ? 1 : 0) + 1;

    /// <inheritdoc />
    public int TotalTokens => _schedule.TotalTokens;

    /// <inheritdoc />
    public int HiddenTokens => _chat.ReasoningTokens;

    private int Roles => _chat.Choices.Count;

    /// <inheritdoc />
    public int TokensAt(int index) => index >= Roles && index - Roles < _schedule.Count ? _schedule.TokensAt(index - Roles) : 0;

    /// <inheritdoc />
    public void Write(int index, IBufferWriter<byte> output)
    {
        var scheduled = index - Roles;
        if (index == Count - 1) output.Write("data: [DONE]\n\n"u8);
        else if (index < Roles) Sse.DataEvent(output, (this, ChunkKind.Role, new ChoiceSchedule.Entry(index, 0), index), WriteChunk);
        else if (scheduled < _schedule.Count)
        {
            var entry = _schedule.At(scheduled);
            Sse.DataEvent(output, (this, entry.Piece == ChoiceSchedule.Finish ? ChunkKind.Finish : ChunkKind.Content, entry, index), WriteChunk);
        }
        else Sse.DataEvent(output, (this, ChunkKind.Usage, default(ChoiceSchedule.Entry), index), WriteChunk);
    }

    /// <inheritdoc />
    // The real API reports trouble mid-stream as a bare error object in a data line (the .NET SDK ignores it).
    public void WriteError(ErrorReply error, IBufferWriter<byte> output)
    {
        Sse.Event(output, null, OpenAiError.For(error, _chat.Model, _requestId), OpenAiError.Write);
    }

    private enum ChunkKind { Role, Content, Finish, Usage }

    // Appended as fixed runs and values (see JsonAppender): a stream writes one of these per token, and thousands of
    // open streams write tens of thousands a second.
    private static readonly AppendJson<(ChatStream Stream, ChunkKind Kind, ChoiceSchedule.Entry Entry, int Index)> WriteChunk =
        static (ref json, chunk) => chunk.Stream.Append(ref json, chunk.Kind, chunk.Entry, chunk.Index);

    private void Append(ref JsonAppender json, ChunkKind kind, ChoiceSchedule.Entry entry, int index)
    {
        json.Raw("{\"id\":"u8);
        json.String(_chat.Id);
        json.Raw(",\"object\":\"chat.completion.chunk\",\"created\":"u8);
        json.Number(_chat.Created);
        json.Raw(",\"model\":"u8);
        json.String(_chat.Model);
        json.Raw(",\"service_tier\":\"default\",\"system_fingerprint\":"u8);
        json.String(_chat.SystemFingerprint);
        json.Raw(",\"choices\":["u8);
        if (kind != ChunkKind.Usage)
        {
            var choice = _schedule.ChoiceOf(entry);
            json.Raw("{\"index\":"u8);
            json.Number(entry.Choice);
            json.Raw(",\"delta\":{"u8);
            var tool = choice.Answer.Tool is not null;
            if (kind == ChunkKind.Role)
            {
                json.Raw("\"role\":\"assistant\","u8);
                if (tool)
                {
                    json.Raw("\"content\":null,"u8);
                    choice.WriteStreamedToolCall(ref json, "", header: true);
                    json.Raw(","u8);
                }
                else
                {
                    json.Raw("\"content\":\"\","u8);
                }
                json.Raw("\"refusal\":null"u8);
            }
            else if (kind == ChunkKind.Content)
            {
                // A tool call streams its arguments as pieces of tool_calls[0].function.arguments.
                if (tool)
                {
                    choice.WriteStreamedToolCall(ref json, _schedule.Text(entry), header: false);
                }
                else
                {
                    json.Raw("\"content\":"u8);
                    json.String(_schedule.Text(entry));
                }
            }
            json.Raw("},\"logprobs\":"u8);
            if (kind == ChunkKind.Content && choice.Logprobs is { } logprobs)
            {
                json.Raw("{\"content\":"u8);
                json.Raw(logprobs.One(entry.Piece));
                json.Raw(",\"refusal\":null}"u8);
            }
            else
            {
                json.Raw("null"u8);
            }
            json.Raw(",\"finish_reason\":"u8);
            json.String(kind == ChunkKind.Finish ? choice.FinishReason : null);
            json.Raw("}"u8);
        }
        json.Raw("]"u8);
        if (kind == ChunkKind.Usage)
        {
            json.Raw(","u8);
            ChatCompletion.WriteUsage(ref json, _chat);
        }
        else if (_includeUsage)
        {
            json.Raw(",\"usage\":null"u8);
        }
        if (_obfuscation is { } seed) Obfuscation.Append(ref json, seed, index);
        json.Raw("}"u8);
    }
}
