using System.Text.Json;
using ChaosKit.Fakes.OpenAi;

namespace ChaosKit.Fakes.AzureOpenAi;

/// <summary>
/// Azure's rendering of a chat completion: the same content as OpenAI's, but every object's keys in alphabetical order,
/// with content-filter verdicts on the prompt and each choice (docs/providers.md#azure-openai-chat).
/// </summary>
internal static class AzureChat
{
    /// <summary>Writes the non-streamed body.</summary>
    public static void Write(Utf8JsonWriter json, ChatCompletion chat)
    {
        json.WriteStartObject();
        json.WriteStartArray("choices"u8);
        for (var index = 0; index < chat.Choices.Count; index++) WriteChoice(json, chat.Choices[index], index);
        json.WriteEndArray();
        json.WriteNumber("created"u8, chat.Created);
        json.WriteString("id"u8, chat.Id);
        json.WriteString("model"u8, chat.Model);
        json.WriteString("object"u8, "chat.completion");
        ContentFilter.WritePromptResults(json);
        json.WriteString("system_fingerprint"u8, chat.SystemFingerprint);
        WriteUsage(json, chat);
        json.WriteEndObject();
    }

    private static void WriteChoice(Utf8JsonWriter json, ChatChoice choice, int index)
    {
        json.WriteStartObject();
        json.WritePropertyName("content_filter_results"u8);
        ContentFilter.Write(json, jailbreak: false);
        json.WriteString("finish_reason"u8, choice.FinishReason);
        json.WriteNumber("index"u8, index);
        WriteLogprobs(json, choice.Logprobs?.All());
        json.WriteStartObject("message"u8);
        json.WriteStartArray("annotations"u8);
        json.WriteEndArray();
        if (choice.Answer.Tool is null) json.WriteString("content"u8, choice.Answer.Text);
        else json.WriteNull("content"u8);
        json.WriteNull("refusal"u8);
        json.WriteString("role"u8, "assistant");
        if (choice.Answer.Tool is not null) WriteToolCalls(json, choice, choice.Answer.Text, header: true, streamed: false);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// Writes <c>tool_calls</c> with alphabetical keys, carrying <paramref name="arguments"/> (all of them, or one
    /// streamed piece); <paramref name="header"/> adds the id, type and name; <paramref name="streamed"/> the index.
    /// </summary>
    public static void WriteToolCalls(Utf8JsonWriter json, ChatChoice choice, ReadOnlySpan<char> arguments, bool header, bool streamed)
    {
        json.WriteStartArray("tool_calls"u8);
        json.WriteStartObject();
        json.WriteStartObject("function"u8);
        json.WriteString("arguments"u8, arguments);
        if (header) json.WriteString("name"u8, choice.Answer.Tool!.Name);
        json.WriteEndObject();
        if (header) json.WriteString("id"u8, choice.ToolCallId);
        if (streamed) json.WriteNumber("index"u8, 0);
        if (header) json.WriteString("type"u8, "function");
        json.WriteEndObject();
        json.WriteEndArray();
    }

    /// <summary>Writes <c>logprobs</c>: <c>{"content": [entries], "refusal": null}</c>, or null when not asked for.</summary>
    public static void WriteLogprobs(Utf8JsonWriter json, byte[]? entries)
    {
        if (entries is null)
        {
            json.WriteNull("logprobs"u8);
            return;
        }
        json.WriteStartObject("logprobs"u8);
        json.WritePropertyName("content"u8);
        json.WriteRawValue(entries, skipInputValidation: true);
        json.WriteNull("refusal"u8);
        json.WriteEndObject();
    }

    /// <summary>Writes <c>usage</c> with alphabetical keys.</summary>
    public static void WriteUsage(Utf8JsonWriter json, ChatCompletion chat)
    {
        json.WriteStartObject("usage"u8);
        json.WriteNumber("completion_tokens"u8, chat.CompletionTokens);
        json.WriteStartObject("completion_tokens_details"u8);
        json.WriteNumber("accepted_prediction_tokens"u8, 0);
        json.WriteNumber("audio_tokens"u8, 0);
        json.WriteNumber("reasoning_tokens"u8, chat.ReasoningTokens);
        json.WriteNumber("rejected_prediction_tokens"u8, 0);
        json.WriteEndObject();
        json.WriteNumber("prompt_tokens"u8, chat.PromptTokens);
        json.WriteStartObject("prompt_tokens_details"u8);
        json.WriteNumber("audio_tokens"u8, 0);
        json.WriteNumber("cached_tokens"u8, 0);
        json.WriteEndObject();
        json.WriteNumber("total_tokens"u8, chat.PromptTokens + chat.CompletionTokens);
        json.WriteEndObject();
    }
}
