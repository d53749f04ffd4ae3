using System.Text.Json;

namespace ChaosKit.Fakes.AzureOpenAi;

/// <summary>Azure's content-filter verdicts: every category <c>safe</c>, keys in alphabetical order as Azure writes them.</summary>
internal static class ContentFilter
{
    /// <summary>Writes a <c>content_filter_results</c> object.</summary>
    /// <param name="json">Where to write.</param>
    /// <param name="jailbreak">Include the prompt-only <c>jailbreak</c> verdict.</param>
    /// <param name="blocked">Mark the jailbreak as detected and filtered (the 400 body).</param>
    /// <param name="filtered">A category the answer was filtered for, at severity <c>high</c>; <see langword="null"/> for none.</param>
    public static void Write(Utf8JsonWriter json, bool jailbreak, bool blocked = false, string? filtered = null)
    {
        json.WriteStartObject();
        Safe(json, "hate", filtered);
        if (jailbreak)
        {
            json.WriteStartObject("jailbreak"u8);
            json.WriteBoolean("detected"u8, blocked);
            json.WriteBoolean("filtered"u8, blocked);
            json.WriteEndObject();
        }
        Safe(json, "self_harm", filtered);
        Safe(json, "sexual", filtered);
        Safe(json, "violence", filtered);
        json.WriteEndObject();
    }

    /// <summary>Writes <c>prompt_filter_results</c> for the one prompt.</summary>
    public static void WritePromptResults(Utf8JsonWriter json)
    {
        json.WriteStartArray("prompt_filter_results"u8);
        json.WriteStartObject();
        json.WritePropertyName("content_filter_results"u8);
        Write(json, jailbreak: true);
        json.WriteNumber("prompt_index"u8, 0);
        json.WriteEndObject();
        json.WriteEndArray();
    }

    /// <summary>
    /// Writes Azure's first stream chunk: no choices, empty id, model and object, and the prompt's filter verdicts.
    /// </summary>
    public static void WritePromptChunk(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteStartArray("choices"u8);
        json.WriteEndArray();
        json.WriteNumber("created"u8, 0);
        json.WriteString("id"u8, "");
        json.WriteString("model"u8, "");
        json.WriteString("object"u8, "");
        WritePromptResults(json);
        json.WriteEndObject();
    }

    private static void Safe(Utf8JsonWriter json, string category, string? filtered)
    {
        var hit = category == filtered;
        json.WriteStartObject(category);
        json.WriteBoolean("filtered"u8, hit);
        json.WriteString("severity"u8, hit ? "high" : "safe");
        json.WriteEndObject();
    }
}
