using System.Runtime.CompilerServices;
using ChaosKit.SampleApp.Configuration;
using OpenAI.Chat;

namespace ChaosKit.SampleApp.Providers;

/// <summary>OpenAI through the official OpenAI SDK (Chat Completions).</summary>
internal sealed class OpenAiChatProvider(ChatClient client, ProviderSettings settings) : IChatProvider
{
    private static readonly BinaryData ToolSchema = BinaryData.FromString(TriageTool.Schema.GetRawText());

    /// <summary>What the model is asked after the start of an answer another stream gave.</summary>
    public const string ContinueInstruction =
        "Your previous answer was cut off. Continue it exactly where it stops, without repeating any of it.";

    /// <inheritdoc />
    public AiProvider Provider => AiProvider.OpenAi;

    /// <inheritdoc />
    public async Task<ProviderReply> AskAsync(string question, CancellationToken ct)
    {
        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage(question)], Options(), ct);
        return new ProviderReply(string.Concat(completion.Content.Select(part => part.Text)), completion.Model);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StreamPiece> StreamAsync(string question, string? partial, [EnumeratorCancellation] CancellationToken ct)
    {
        List<ChatMessage> messages = [new UserChatMessage(question)];
        if (partial is { Length: > 0 })
        {
            messages.Add(new AssistantChatMessage(partial));
            messages.Add(new UserChatMessage(ContinueInstruction));
        }

        string? model = null;
        var finished = false;
        await foreach (var update in client.CompleteChatStreamingAsync(messages, Options(), ct))
        {
            model ??= update.Model;
            if (update.FinishReason is not null) finished = true;
            foreach (var part in update.ContentUpdate)
            {
                if (part.Text is { Length: > 0 } text) yield return new StreamPiece(text, model);
            }
        }
        // The SDK ignores a body that ends early, and error objects inside the stream; only a finish_reason says the answer is whole.
        if (!finished) throw new StreamCutException("OpenAI's stream ended without a finish_reason");
    }

    /// <inheritdoc />
    public async Task<ProviderReply> TriageAsync(string ticket, CancellationToken ct)
    {
        var options = Options();
        options.Tools.Add(ChatTool.CreateFunctionTool(TriageTool.Name, TriageTool.Description, ToolSchema));
        options.ToolChoice = ChatToolChoice.CreateFunctionChoice(TriageTool.Name);
        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage(TriageTool.Prompt(ticket))], options, ct);
        var call = completion.ToolCalls.FirstOrDefault(c => c.FunctionName == TriageTool.Name)
            ?? throw new InvalidOutputException($"OpenAI answered without calling {TriageTool.Name}");
        return new ProviderReply(call.FunctionArguments.ToString(), completion.Model);
    }

    private ChatCompletionOptions Options() => new() { MaxOutputTokenCount = settings.MaxTokens };
}
