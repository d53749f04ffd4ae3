using System.Text.Json;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.OpenAi;

namespace ChaosKit.Fakes.AzureOpenAi;

/// <summary>
/// OpenAI's filtered chat completion (<see cref="FilteredChat"/>) as Azure writes it: keys in
/// alphabetical order, the category that tripped in the choice's <c>content_filter_results</c>, the prompt's
/// verdicts, and a stream that opens with Azure's prompt chunk.
/// </summary>
internal static class AzureFilteredChat
{
    private const string Category = "violence";

    /// <summary>Writes the answer (created once: a method group passed as a delegate allocates on every use).</summary>
    public static readonly Func<FaultContext, CancellationToken, Task> Write =
        (context, ct) => FilteredChat.SendAsync(context.Exchange, Completion, Chunk, ct, static (json, _) => ContentFilter.WritePromptChunk(json));

    private static void Completion(Utf8JsonWriter json, string model)
    {
        json.WriteStartObject();
        json.WriteStartArray("choices"u8);
        json.WriteStartObject();
        json.WritePropertyName("content_filter_results"u8);
        ContentFilter.Write(json, jailbreak: false, filtered: Category);
        json.WriteString("finish_reason"u8, "content_filter");
        json.WriteNumber("index"u8, 0);
        json.WriteNull("logprobs"u8);
        json.WriteStartObject("message"u8);
        json.WriteString("content"u8, ContentFilterFault.TextBeforeStop);
        json.WriteNull("refusal"u8);
        json.WriteString("role"u8, "assistant");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        FilteredChat.WriteHeader(json, model, "chat.completion");
        ContentFilter.WritePromptResults(json);
        FilteredChat.WriteUsage(json);
        json.WriteEndObject();
    }

    private static void Chunk(Utf8JsonWriter json, (string Model, bool Finish) chunk)
    {
        json.WriteStartObject();
        json.WriteStartArray("choices"u8);
        json.WriteStartObject();
        json.WritePropertyName("content_filter_results"u8);
        ContentFilter.Write(json, jailbreak: false, filtered: chunk.Finish ? Category : null);
        FilteredChat.WriteDelta(json, chunk.Finish);
        json.WriteEndObject();
        json.WriteEndArray();
        FilteredChat.WriteHeader(json, chunk.Model, "chat.completion.chunk");
        json.WriteEndObject();
    }
}
