using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Models.Messages;
using ChaosKit.SampleApp.Configuration;

namespace ChaosKit.SampleApp.Providers;

/// <summary>Claude through the official Anthropic SDK (Messages API).</summary>
internal sealed class AnthropicChatProvider(IAnthropicClient client, ProviderSettings settings) : IChatProvider
{
    private static readonly IReadOnlyDictionary<string, JsonElement> ToolProperties =
        TriageTool.Schema.GetProperty("properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());

    /// <inheritdoc />
    public AiProvider Provider => AiProvider.Anthropic;

    /// <inheritdoc />
    public async Task<ProviderReply> AskAsync(string question, CancellationToken ct)
    {
        var message = await client.Messages.Create(Params([new UserMessageParam(question)]), ct);
        var text = string.Concat(message.Content.Select(block => block.TryPickText(out var t) ? t.Text : ""));
        return new ProviderReply(text, message.Model.Raw());
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StreamPiece> StreamAsync(string question, string? partial, [EnumeratorCancellation] CancellationToken ct)
    {
        List<MessageParam> messages = [new UserMessageParam(question)];
        // Claude continues an answer from an assistant turn that holds its start (a prefill), which may not end in whitespace.
        if (partial?.TrimEnd() is { Length: > 0 } start) messages.Add(new AssistantMessageParam(start));

        string? model = null;
        var stopped = false;
        await foreach (var e in client.Messages.CreateStreaming(Params(messages), ct))
        {
            if (e.TryPickStart(out var begin)) model = begin.Message.Model.Raw();
            else if (e.TryPickStop(out _)) stopped = true;
            else if (e.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickText(out var piece) && piece.Text.Length > 0)
                yield return new StreamPiece(piece.Text, model);
        }
        // The SDK ends quietly when the body ends early; only message_stop says the answer is whole.
        if (!stopped) throw new StreamCutException("Claude's stream ended without message_stop");
    }

    /// <inheritdoc />
    public async Task<ProviderReply> TriageAsync(string ticket, CancellationToken ct)
    {
        var message = await client.Messages.Create(Params([new UserMessageParam(TriageTool.Prompt(ticket))]) with
        {
            Tools = [new Tool
            {
                Name = TriageTool.Name,
                Description = TriageTool.Description,
                InputSchema = new InputSchema { Properties = ToolProperties, Required = ["category", "urgency"] },
            }],
            ToolChoice = new ToolChoiceTool { Name = TriageTool.Name },
        }, ct);
        foreach (var block in message.Content)
        {
            if (block.TryPickToolUse(out var use) && use.Name == TriageTool.Name) return new ProviderReply(Json(use.Input), message.Model.Raw());
        }
        throw new InvalidOutputException($"Claude answered without calling {TriageTool.Name}");
    }

    private MessageCreateParams Params(IReadOnlyList<MessageParam> messages) => new()
    {
        Model = settings.Model,
        MaxTokens = settings.MaxTokens,
        Messages = messages,
    };

    private static string Json(IReadOnlyDictionary<string, JsonElement> input)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (name, value) in input)
            {
                json.WritePropertyName(name);
                value.WriteTo(json);
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
