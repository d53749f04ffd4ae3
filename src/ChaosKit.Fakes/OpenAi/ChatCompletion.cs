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
    public static void Write(Utf8JsonWriter json, ChatCompletion chat)
    {
        json.WriteStartObject();
        json.WriteString("id"u8, chat.Id);
        json.WriteString("object"u8, "chat.completion");
        json.WriteNumber("created"u8, chat.Created);
        json.WriteString("model"u8, chat.Model);
        json.WriteStartArray("choices"u8);
        json.WriteStartObject();
        json.WriteNumber("index"u8, 0);
        json.WriteStartObject("message"u8);
        json.WriteString("role"u8, "assistant");
        if (chat.Answer.Tool is null) json.WriteString("content"u8, chat.Answer.Text);
        else json.WriteNull("content"u8);
        json.WriteNull("refusal"u8);
        if (chat.Answer.Tool is not null) chat.WriteToolCalls(json, chat.Answer.Text, header: true);
        json.WriteStartArray("annotations"u8);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteNull("logprobs"u8);
        json.WriteString("finish_reason"u8, chat.FinishReason);
        json.WriteEndObject();
        json.WriteEndArray();
        WriteUsage(json, chat);
        json.WriteString("service_tier"u8, "default");
        json.WriteString("system_fingerprint"u8, chat.SystemFingerprint);
        json.WriteEndObject();
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
