using ChaosKit.Fakes.Hosting;

namespace ChaosKit.Fakes.OpenAi;

/// <summary>
/// A chat completion, written field for field in the real API's order (docs/providers.md#openai-chat-completions).
/// </summary>
/// <param name="Id"><c>chatcmpl-…</c>.</param>
/// <param name="Created">Unix seconds.</param>
/// <param name="Model">The snapshot that "served" the call.</param>
/// <param name="SystemFingerprint">The <c>system_fingerprint</c>.</param>
/// <param name="Choices">The <c>n</c> choices (one unless the request asked for more).</param>
/// <param name="PromptTokens">Estimated prompt tokens.</param>
internal sealed record ChatCompletion(string Id, long Created, string Model, string SystemFingerprint, IReadOnlyList<ChatChoice> Choices, int PromptTokens)
{
    /// <summary>
    /// The completion answering <paramref name="request"/>, served by the snapshot <paramref name="served"/>: its
    /// choices, and a reasoning model's hidden reasoning taken from the same token limit. Shared by OpenAI's and
    /// Azure's chat routes, which answer alike and differ only in how they write it.
    /// </summary>
    public static ChatCompletion Answer(ChatRequest request, string served, OpenAiIds ids, long createdAt)
    {
        var reasoning = Reasoning.Applies(served) ? Reasoning.Tokens(request.ReasoningEffort, request.ContentSeed, request.MaxTokens) : 0;
        return new ChatCompletion(ids.NewChatCompletionId(), createdAt, served, ids.SystemFingerprint,
            ChatChoice.For(request, reasoning), Math.Max(1, Content.FakeAnswer.Tokens(request.PromptChars)))
        {
            ReasoningTokens = reasoning,
        };
    }

    /// <summary>Hidden reasoning tokens of a reasoning model, billed in <c>completion_tokens</c>.</summary>
    public int ReasoningTokens { get; init; }

    /// <summary><c>completion_tokens</c>: every choice's answer and the reasoning.</summary>
    public int CompletionTokens
    {
        get
        {
            var tokens = ReasoningTokens;
            for (var i = 0; i < Choices.Count; i++) tokens += Choices[i].Answer.OutputTokens;
            return tokens;
        }
    }

    /// <summary>Writes the non-streamed body.</summary>
    /// <remarks>
    /// Appended as fixed runs and values rather than through <c>Utf8JsonWriter</c>, because every non-streamed call
    /// writes one (see <see cref="JsonAppender"/> for what that saves).
    /// </remarks>
    public static void Write(ref JsonAppender json, ChatCompletion chat)
    {
        json.Raw("{\"id\":"u8);
        json.String(chat.Id);
        json.Raw(",\"object\":\"chat.completion\",\"created\":"u8);
        json.Number(chat.Created);
        json.Raw(",\"model\":"u8);
        json.String(chat.Model);
        json.Raw(",\"choices\":["u8);
        for (var index = 0; index < chat.Choices.Count; index++)
        {
            if (index > 0) json.Raw(","u8);
            WriteChoice(ref json, chat.Choices[index], index);
        }
        json.Raw("],"u8);
        WriteUsage(ref json, chat);
        json.Raw(",\"service_tier\":\"default\",\"system_fingerprint\":"u8);
        json.String(chat.SystemFingerprint);
        json.Raw("}"u8);
    }

    private static void WriteChoice(ref JsonAppender json, ChatChoice choice, int index)
    {
        json.Raw("{\"index\":"u8);
        json.Number(index);
        json.Raw(",\"message\":{\"role\":\"assistant\",\"content\":"u8);
        var tool = choice.Answer.Tool;
        json.String(tool is null ? choice.Answer.Text : null);
        if (tool is not null)
        {
            // A whole tool call, as the API returns it: no "index" (that belongs to streamed deltas).
            json.Raw(",\"tool_calls\":[{\"id\":"u8);
            json.String(choice.ToolCallId);
            json.Raw(",\"type\":\"function\",\"function\":{\"name\":"u8);
            json.String(tool.Name);
            json.Raw(",\"arguments\":"u8);
            json.String(choice.Answer.Text);
            json.Raw("}}]"u8);
        }
        json.Raw(",\"refusal\":null,\"annotations\":[]},\"logprobs\":"u8);
        if (choice.Logprobs is { } logprobs)
        {
            json.Raw("{\"content\":"u8);
            json.Raw(logprobs.All());
            json.Raw(",\"refusal\":null}"u8);
        }
        else
        {
            json.Raw("null"u8);
        }
        json.Raw(",\"finish_reason\":"u8);
        json.String(choice.FinishReason);
        json.Raw("}"u8);
    }

    /// <summary>Appends the <c>"usage":{…}</c> property.</summary>
    public static void WriteUsage(ref JsonAppender json, ChatCompletion chat)
    {
        json.Raw("\"usage\":{\"prompt_tokens\":"u8);
        json.Number(chat.PromptTokens);
        json.Raw(",\"completion_tokens\":"u8);
        json.Number(chat.CompletionTokens);
        json.Raw(",\"total_tokens\":"u8);
        json.Number(chat.PromptTokens + chat.CompletionTokens);
        json.Raw(",\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":"u8);
        json.Number(chat.ReasoningTokens);
        json.Raw(",\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}"u8);
    }
}
