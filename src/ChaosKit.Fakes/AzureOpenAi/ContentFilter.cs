using System.Text.Json;

namespace ChaosKit.Fakes.AzureOpenAi;

/// <summary>Azure's content-filter verdicts: every category <c>safe</c>, keys in alphabetical order as Azure writes them.</summary>
internal static class ContentFilter
{
    /// <summary>Writes a <c>content_filter_results</c> object.</summary>
    /// <param name="json">Where to write.</param>
    /// <param name="jailbreak">Include the prompt-only <c>jailbreak</c> verdict.</param>
    /// <param name="blocked">Mark the jailbreak as detected and filtered (the 400 body).</param>
    public static void Write(Utf8JsonWriter json, bool jailbreak, bool blocked = false)
    {
        json.WriteStartObject();
        Safe(json, "hate");
        if (jailbreak)
        {
            json.WriteStartObject("jailbreak");
            json.WriteBoolean("detected", blocked);
            json.WriteBoolean("filtered", blocked);
            json.WriteEndObject();
        }
        Safe(json, "self_harm");
        Safe(json, "sexual");
        Safe(json, "violence");
        json.WriteEndObject();
    }

    /// <summary>Writes <c>prompt_filter_results</c> for the one prompt.</summary>
    public static void WritePromptResults(Utf8JsonWriter json)
    {
        json.WriteStartArray("prompt_filter_results");
        json.WriteStartObject();
        json.WritePropertyName("content_filter_results");
        Write(json, jailbreak: true);
        json.WriteNumber("prompt_index", 0);
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void Safe(Utf8JsonWriter json, string category)
    {
        json.WriteStartObject(category);
        json.WriteBoolean("filtered", false);
        json.WriteString("severity", "safe");
        json.WriteEndObject();
    }
}
