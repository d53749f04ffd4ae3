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
        json.WriteStartArray("candidates"u8);
        json.WriteStartObject();
        json.WriteStartObject("content"u8);
        json.WriteStartArray("parts"u8);
        json.WriteStartObject();
        if (Answer.Tool is { } tool)
        {
            // Gemini sends a function call whole, in one part: no partial arguments even when streaming.
            json.WriteStartObject("functionCall"u8);
            json.WriteString("name"u8, tool.Name);
            json.WritePropertyName("args"u8);
            json.WriteRawValue(tool.Arguments);
            json.WriteEndObject();
        }
        else
        {
            json.WriteString("text"u8, text);
        }
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteString("role"u8, "model");
        json.WriteEndObject();
        if (final) json.WriteString("finishReason"u8, FinishReason);
        json.WriteNumber("index"u8, 0);
        json.WriteEndObject();
        json.WriteEndArray();
        // Until the last chunk the usage holds only the prompt counts, as the real stream sends it.
        json.WriteStartObject("usageMetadata"u8);
        json.WriteNumber("promptTokenCount"u8, PromptTokens);
        if (final)
        {
            json.WriteNumber("candidatesTokenCount"u8, Answer.OutputTokens);
            json.WriteNumber("totalTokenCount"u8, PromptTokens + Answer.OutputTokens);
        }
        else
        {
            json.WriteNumber("totalTokenCount"u8, PromptTokens);
        }
        json.WriteStartArray("promptTokensDetails"u8);
        json.WriteStartObject();
        json.WriteString("modality"u8, "TEXT");
        json.WriteNumber("tokenCount"u8, PromptTokens);
        json.WriteEndObject();
        json.WriteEndArray();
        if (final)
        {
            // As recorded (PROVIDERS.md §3): the answer's tokens by modality, beside the prompt's.
            json.WriteStartArray("candidatesTokensDetails"u8);
            json.WriteStartObject();
            json.WriteString("modality"u8, "TEXT");
            json.WriteNumber("tokenCount"u8, Answer.OutputTokens);
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteString("modelVersion"u8, ModelVersion);
        json.WriteString("responseId"u8, ResponseId);
        json.WriteEndObject();
    }
}
