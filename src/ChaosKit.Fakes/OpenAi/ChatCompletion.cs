using System.Text.Json;
using ChaosKit.Fakes.Content;

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
        json.WriteStartArray("tool_calls");
        json.WriteStartObject();
        json.WriteNumber("index", 0);
        if (header)
        {
            json.WriteString("id", ToolCallId);
            json.WriteString("type", "function");
        }
        json.WriteStartObject("function");
        if (header) json.WriteString("name", Answer.Tool!.Name);
        json.WriteString("arguments", arguments);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    /// <summary>Writes the non-streamed body.</summary>
    public static void Write(Utf8JsonWriter json, ChatCompletion chat)
    {
        json.WriteStartObject();
        json.WriteString("id", chat.Id);
        json.WriteString("object", "chat.completion");
        json.WriteNumber("created", chat.Created);
        json.WriteString("model", chat.Model);
        json.WriteStartArray("choices");
        json.WriteStartObject();
        json.WriteNumber("index", 0);
        json.WriteStartObject("message");
        json.WriteString("role", "assistant");
        if (chat.Answer.Tool is null) json.WriteString("content", chat.Answer.Text);
        else json.WriteNull("content");
        json.WriteNull("refusal");
        if (chat.Answer.Tool is not null) chat.WriteToolCalls(json, chat.Answer.Text, header: true);
        json.WriteStartArray("annotations");
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteNull("logprobs");
        json.WriteString("finish_reason", chat.FinishReason);
        json.WriteEndObject();
        json.WriteEndArray();
        WriteUsage(json, chat);
        json.WriteString("service_tier", "default");
        json.WriteString("system_fingerprint", chat.SystemFingerprint);
        json.WriteEndObject();
    }

    /// <summary>Writes the <c>usage</c> property.</summary>
    public static void WriteUsage(Utf8JsonWriter json, ChatCompletion chat)
    {
        json.WriteStartObject("usage");
        json.WriteNumber("prompt_tokens", chat.PromptTokens);
        json.WriteNumber("completion_tokens", chat.Answer.OutputTokens);
        json.WriteNumber("total_tokens", chat.PromptTokens + chat.Answer.OutputTokens);
        json.WriteStartObject("prompt_tokens_details");
        json.WriteNumber("cached_tokens", 0);
        json.WriteNumber("audio_tokens", 0);
        json.WriteEndObject();
        json.WriteStartObject("completion_tokens_details");
        json.WriteNumber("reasoning_tokens", 0);
        json.WriteNumber("audio_tokens", 0);
        json.WriteNumber("accepted_prediction_tokens", 0);
        json.WriteNumber("rejected_prediction_tokens", 0);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
