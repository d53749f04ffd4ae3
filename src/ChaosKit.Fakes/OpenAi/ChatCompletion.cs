using ChaosKit.Fakes.Content;
using ChaosKit.Fakes.Hosting;

namespace ChaosKit.Fakes.OpenAi;

/// <summary>A chat completion, written field for field in the real API's order (PROVIDERS.md §1.1).</summary>
/// <param name="Id"><c>chatcmpl-…</c>.</param>
/// <param name="Created">Unix seconds.</param>
/// <param name="Model">The snapshot that "served" the call.</param>
/// <param name="SystemFingerprint">The <c>system_fingerprint</c>.</param>
/// <param name="Answer">Generated text and how it ended.</param>
/// <param name="PromptTokens">Estimated prompt tokens.</param>
internal sealed record ChatCompletion(string Id, long Created, string Model, string SystemFingerprint, Answer Answer, int PromptTokens)
{
    /// <summary>The <c>id</c> of the tool call when the answer calls a tool (<c>call_…</c>).</summary>
    public string ToolCallId { get; init; } = "";

    /// <summary>Hidden reasoning tokens of a reasoning model, billed in <c>completion_tokens</c>.</summary>
    public int ReasoningTokens { get; init; }

    /// <summary><c>completion_tokens</c>: the answer's and the reasoning's.</summary>
    public int CompletionTokens => Answer.OutputTokens + ReasoningTokens;

    /// <summary>The <c>finish_reason</c>: <c>length</c> when cut by the token limit, <c>tool_calls</c> for a forced tool, else <c>stop</c>.</summary>
    public string FinishReason => Answer.End switch
    {
        AnswerEnd.MaxTokens => "length",
        AnswerEnd.ToolCall => "tool_calls",
        _ => "stop",
    };

    /// <summary>
    /// Appends the <c>"tool_calls":[…]</c> property of a streamed delta: the first (<paramref name="header"/>) with the call's id,
    /// type and name and empty arguments, the next ones with a piece of the <paramref name="arguments"/> each.
    /// </summary>
    public void WriteStreamedToolCall(ref JsonAppender json, ReadOnlySpan<char> arguments, bool header)
    {
        json.Raw("\"tool_calls\":[{\"index\":0,"u8);
        if (header)
        {
            json.Raw("\"id\":"u8);
            json.String(ToolCallId);
            json.Raw(",\"type\":\"function\",\"function\":{\"name\":"u8);
            json.String(Answer.Tool!.Name);
            json.Raw(","u8);
        }
        else
        {
            json.Raw("\"function\":{"u8);
        }
        json.Raw("\"arguments\":"u8);
        json.String(arguments);
        json.Raw("}}]"u8);
    }

    /// <summary>Writes the non-streamed body.</summary>
    /// <remarks>
    /// Appended as fixed runs and values rather than through <c>Utf8JsonWriter</c>: every non-streamed call
    /// writes it, and that took about a sixth of the fake's own work per call (see <see cref="JsonAppender"/>).
    /// </remarks>
    public static void Write(ref JsonAppender json, ChatCompletion chat)
    {
        json.Raw("{\"id\":"u8);
        json.String(chat.Id);
        json.Raw(",\"object\":\"chat.completion\",\"created\":"u8);
        json.Number(chat.Created);
        json.Raw(",\"model\":"u8);
        json.String(chat.Model);
        json.Raw(",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"u8);
        var tool = chat.Answer.Tool;
        json.String(tool is null ? chat.Answer.Text : null);
        if (tool is not null)
        {
            // A whole tool call, as the API returns it: no "index" (that belongs to streamed deltas).
            json.Raw(",\"tool_calls\":[{\"id\":"u8);
            json.String(chat.ToolCallId);
            json.Raw(",\"type\":\"function\",\"function\":{\"name\":"u8);
            json.String(tool.Name);
            json.Raw(",\"arguments\":"u8);
            json.String(chat.Answer.Text);
            json.Raw("}}]"u8);
        }
        json.Raw(",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":"u8);
        json.String(chat.FinishReason);
        json.Raw("}],"u8);
        WriteUsage(ref json, chat);
        json.Raw(",\"service_tier\":\"default\",\"system_fingerprint\":"u8);
        json.String(chat.SystemFingerprint);
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
