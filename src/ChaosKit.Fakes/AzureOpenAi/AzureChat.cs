using System.Text.Json;
using ChaosKit.Fakes.OpenAi;

namespace ChaosKit.Fakes.AzureOpenAi;

/// <summary>
/// Azure's rendering of a chat completion: the same content as OpenAI's, but every object's keys in alphabetical
/// order, with content-filter verdicts on the prompt and each choice (PROVIDERS.md §4).
/// </summary>
internal static class AzureChat
{
    /// <summary>Writes the non-streamed body.</summary>
    public static void Write(Utf8JsonWriter json, ChatCompletion chat)
    {
        json.WriteStartObject();
        json.WriteStartArray("choices");
        json.WriteStartObject();
        json.WritePropertyName("content_filter_results");
        ContentFilter.Write(json, jailbreak: false);
        json.WriteString("finish_reason", chat.FinishReason);
        json.WriteNumber("index", 0);
        json.WriteNull("logprobs");
        json.WriteStartObject("message");
        json.WriteStartArray("annotations");
        json.WriteEndArray();
        if (chat.Answer.Tool is null) json.WriteString("content", chat.Answer.Text);
        else json.WriteNull("content");
        json.WriteNull("refusal");
        json.WriteString("role", "assistant");
        if (chat.Answer.Tool is not null) WriteToolCalls(json, chat, chat.Answer.Text, header: true, streamed: false);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteNumber("created", chat.Created);
        json.WriteString("id", chat.Id);
        json.WriteString("model", chat.Model);
        json.WriteString("object", "chat.completion");
        ContentFilter.WritePromptResults(json);
        json.WriteString("system_fingerprint", chat.SystemFingerprint);
        WriteUsage(json, chat);
        json.WriteEndObject();
    }

    /// <summary>
    /// Writes <c>tool_calls</c> with alphabetical keys, carrying <paramref name="arguments"/> (all of them, or one
    /// streamed piece); <paramref name="header"/> adds the id, type and name; <paramref name="streamed"/> the index.
    /// </summary>
    public static void WriteToolCalls(Utf8JsonWriter json, ChatCompletion chat, string arguments, bool header, bool streamed)
    {
        json.WriteStartArray("tool_calls");
        json.WriteStartObject();
        json.WriteStartObject("function");
        json.WriteString("arguments", arguments);
        if (header) json.WriteString("name", chat.Answer.Tool!.Name);
        json.WriteEndObject();
        if (header) json.WriteString("id", chat.ToolCallId);
        if (streamed) json.WriteNumber("index", 0);
        if (header) json.WriteString("type", "function");
        json.WriteEndObject();
        json.WriteEndArray();
    }

    /// <summary>Writes <c>usage</c> with alphabetical keys.</summary>
    public static void WriteUsage(Utf8JsonWriter json, ChatCompletion chat)
    {
        json.WriteStartObject("usage");
        json.WriteNumber("completion_tokens", chat.Answer.OutputTokens);
        json.WriteStartObject("completion_tokens_details");
        json.WriteNumber("accepted_prediction_tokens", 0);
        json.WriteNumber("audio_tokens", 0);
        json.WriteNumber("reasoning_tokens", 0);
        json.WriteNumber("rejected_prediction_tokens", 0);
        json.WriteEndObject();
        json.WriteNumber("prompt_tokens", chat.PromptTokens);
        json.WriteStartObject("prompt_tokens_details");
        json.WriteNumber("audio_tokens", 0);
        json.WriteNumber("cached_tokens", 0);
        json.WriteEndObject();
        json.WriteNumber("total_tokens", chat.PromptTokens + chat.Answer.OutputTokens);
        json.WriteEndObject();
    }
}
