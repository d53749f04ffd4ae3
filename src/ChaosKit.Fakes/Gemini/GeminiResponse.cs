using System.Text.Json;
using ChaosKit.Fakes.Content;

namespace ChaosKit.Fakes.Gemini;

/// <summary>
/// A <c>GenerateContentResponse</c> (PROVIDERS.md §3), whole or as one streamed chunk: a text part, or a
/// <c>functionCall</c> part when the request forced a function (finish reason <c>STOP</c>, as the real API reports it).
/// </summary>
/// <param name="ResponseId">The <c>responseId</c>, repeated in every chunk.</param>
/// <param name="ModelVersion">The <c>modelVersion</c>, repeated in every chunk.</param>
/// <param name="Answer">Generated text and how it ended.</param>
/// <param name="PromptTokens">Estimated prompt tokens.</param>
internal sealed record GeminiResponse(string ResponseId, string ModelVersion, Answer Answer, int PromptTokens)
{
    /// <summary><c>MAX_TOKENS</c> when cut by <c>maxOutputTokens</c>, else <c>STOP</c>.</summary>
    public string FinishReason => Answer.End == AnswerEnd.MaxTokens ? "MAX_TOKENS" : "STOP";

    /// <summary>Writes the response carrying <paramref name="text"/>; <paramref name="final"/> adds the finish reason and full usage.</summary>
    public void Write(Utf8JsonWriter json, string text, bool final)
    {
        json.WriteStartObject();
        json.WriteStartArray("candidates");
        json.WriteStartObject();
        json.WriteStartObject("content");
        json.WriteStartArray("parts");
        json.WriteStartObject();
        if (Answer.Tool is { } tool)
        {
            // Gemini sends a function call whole, in one part: no partial arguments even when streaming.
            json.WriteStartObject("functionCall");
            json.WriteString("name", tool.Name);
            json.WritePropertyName("args");
            json.WriteRawValue(tool.Arguments);
            json.WriteEndObject();
        }
        else
        {
            json.WriteString("text", text);
        }
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteString("role", "model");
        json.WriteEndObject();
        if (final) json.WriteString("finishReason", FinishReason);
        json.WriteNumber("index", 0);
        json.WriteEndObject();
        json.WriteEndArray();
        // Until the last chunk the usage holds only the prompt counts, as the real stream sends it.
        json.WriteStartObject("usageMetadata");
        json.WriteNumber("promptTokenCount", PromptTokens);
        if (final)
        {
            json.WriteNumber("candidatesTokenCount", Answer.OutputTokens);
            json.WriteNumber("totalTokenCount", PromptTokens + Answer.OutputTokens);
        }
        else
        {
            json.WriteNumber("totalTokenCount", PromptTokens);
        }
        json.WriteStartArray("promptTokensDetails");
        json.WriteStartObject();
        json.WriteString("modality", "TEXT");
        json.WriteNumber("tokenCount", PromptTokens);
        json.WriteEndObject();
        json.WriteEndArray();
        if (final)
        {
            // As recorded (PROVIDERS.md §3): the answer's tokens by modality, beside the prompt's.
            json.WriteStartArray("candidatesTokensDetails");
            json.WriteStartObject();
            json.WriteString("modality", "TEXT");
            json.WriteNumber("tokenCount", Answer.OutputTokens);
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteString("modelVersion", ModelVersion);
        json.WriteString("responseId", ResponseId);
        json.WriteEndObject();
    }
}
