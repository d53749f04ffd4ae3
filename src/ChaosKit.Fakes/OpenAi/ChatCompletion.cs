using System.Text.Json;
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

    /// <summary>The <c>finish_reason</c>: <c>length</c> when cut by the token limit, <c>tool_calls</c> for a forced tool, else <c>stop</c>.</summary>
    public string FinishReason => Answer.End switch
    {
        AnswerEnd.MaxTokens => "length",
        AnswerEnd.ToolCall => "tool_calls",
        _ => "stop",
    };

    /// <summary>Writes <c>tool_calls</c> with <paramref name="arguments"/> (all of them, or one streamed piece).</summary>
    public void WriteToolCalls(Utf8JsonWriter json, string arguments, bool header)
    {
        json.WriteStartArray("tool_calls"u8);
        json.WriteStartObject();
        json.WriteNumber("index"u8, 0);
        if (header)
        {
            json.WriteString("id"u8, ToolCallId);
            json.WriteString("type"u8, "function");
        }
        json.WriteStartObject("function"u8);
        if (header) json.WriteString("name"u8, Answer.Tool!.Name);
        json.WriteString("arguments"u8, arguments);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    /// <summary>Writes the non-streamed body.</summary>
    /// <remarks>
    /// Appended as fixed runs and values rather than through <see cref="Utf8JsonWriter"/>: every non-streamed call
    /// writes it, and that took a fifth of the fake's own work per call (see <see cref="JsonAppender"/>).
    /// </remarks>
    public static void Write(JsonAppender json, ChatCompletion chat)
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
        json.Raw("}],\"usage\":{\"prompt_tokens\":"u8);
        json.Number(chat.PromptTokens);
        json.Raw(",\"completion_tokens\":"u8);
        json.Number(chat.Answer.OutputTokens);
        json.Raw(",\"total_tokens\":"u8);
        json.Number(chat.PromptTokens + chat.Answer.OutputTokens);
        json.Raw(",\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},\"completion_tokens_details\":"u8 +
            "{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},"u8 +
            "\"service_tier\":\"default\",\"system_fingerprint\":"u8);
        json.String(chat.SystemFingerprint);
        json.Raw("}"u8);
    }

    /// <summary>Writes the <c>usage</c> property.</summary>
    public static void WriteUsage(Utf8JsonWriter json, ChatCompletion chat)
    {
        json.WriteStartObject("usage"u8);
        json.WriteNumber("prompt_tokens"u8, chat.PromptTokens);
        json.WriteNumber("completion_tokens"u8, chat.Answer.OutputTokens);
        json.WriteNumber("total_tokens"u8, chat.PromptTokens + chat.Answer.OutputTokens);
        json.WriteStartObject("prompt_tokens_details"u8);
        json.WriteNumber("cached_tokens"u8, 0);
        json.WriteNumber("audio_tokens"u8, 0);
        json.WriteEndObject();
        json.WriteStartObject("completion_tokens_details"u8);
        json.WriteNumber("reasoning_tokens"u8, 0);
        json.WriteNumber("audio_tokens"u8, 0);
        json.WriteNumber("accepted_prediction_tokens"u8, 0);
        json.WriteNumber("rejected_prediction_tokens"u8, 0);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
