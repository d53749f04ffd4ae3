using System.Text.Json;
using ChaosKit.Fakes.Content;

namespace ChaosKit.Fakes.Gemini;

/// <summary>
/// A <c>GenerateContentResponse</c> (docs/providers.md#gemini-responses), whole or as one streamed chunk: a text part,
/// or a <c>functionCall</c> part when the request forced a function (finish reason <c>STOP</c>, as the real API reports
/// it), after a thought summary part (<c>"thought": true</c>) when the request asked for one.
/// </summary>
/// <param name="ResponseId">The <c>responseId</c>, repeated in every chunk.</param>
/// <param name="ModelVersion">The <c>modelVersion</c>, repeated in every chunk.</param>
/// <param name="Answer">Generated text and how it ended.</param>
/// <param name="PromptTokens">Estimated prompt tokens.</param>
internal sealed record GeminiResponse(string ResponseId, string ModelVersion, Answer Answer, int PromptTokens)
{
    /// <summary><c>MAX_TOKENS</c> when cut by <c>maxOutputTokens</c>, else <c>STOP</c>.</summary>
    public string FinishReason => Answer.End == AnswerEnd.MaxTokens ? "MAX_TOKENS" : "STOP";

    /// <summary>The thinking behind the answer (thinking models); <see cref="GeminiThinking.None"/> otherwise.</summary>
    public GeminiThinking Thinking { get; init; } = GeminiThinking.None;

    /// <summary>The whole response: the thought summary (if asked for), then the answer.</summary>
    public void WriteWhole(Utf8JsonWriter json) => Write(json, Thinking.Summary?.Text, Answer.Text, final: true);

    /// <summary>
    /// Writes the response carrying a <paramref name="thought"/> part and/or an answer part with <paramref name="text"/>
    /// (each left out when null); <paramref name="final"/> adds the finish reason and full usage.
    /// </summary>
    public void Write(Utf8JsonWriter json, string? thought, string? text, bool final)
    {
        json.WriteStartObject();
        json.WriteStartArray("candidates"u8);
        json.WriteStartObject();
        json.WriteStartObject("content"u8);
        json.WriteStartArray("parts"u8);
        if (thought is not null)
        {
            json.WriteStartObject();
            json.WriteString("text"u8, thought);
            json.WriteBoolean("thought"u8, true);
            json.WriteEndObject();
        }
        if (text is not null)
        {
            json.WriteStartObject();
            if (Answer.Tool is { } tool)
            {
                // Gemini sends a function call whole, in one part: no partial arguments even when streaming. After
                // thinking, it carries the signature the client hands back with the call's result.
                json.WriteStartObject("functionCall"u8);
                json.WriteString("name"u8, tool.Name);
                json.WritePropertyName("args"u8);
                json.WriteRawValue(tool.Arguments);
                json.WriteEndObject();
                if (Thinking.Tokens > 0) json.WriteString("thoughtSignature"u8, Thinking.Signature);
            }
            else
            {
                json.WriteString("text"u8, text);
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteString("role"u8, "model");
        json.WriteEndObject();
        if (final) json.WriteString("finishReason"u8, FinishReason);
        json.WriteNumber("index"u8, 0);
        json.WriteEndObject();
        json.WriteEndArray();
        // Until the last chunk the usage holds only the prompt counts, as the real stream sends it.
        // Thinking tokens are billed beside the answer's (candidatesTokenCount leaves them out) and count in the total.
        json.WriteStartObject("usageMetadata"u8);
        json.WriteNumber("promptTokenCount"u8, PromptTokens);
        if (final)
        {
            json.WriteNumber("candidatesTokenCount"u8, Answer.OutputTokens);
            json.WriteNumber("totalTokenCount"u8, PromptTokens + Answer.OutputTokens + Thinking.Tokens);
        }
        else
        {
            json.WriteNumber("totalTokenCount"u8, PromptTokens + Thinking.Tokens);
        }
        json.WriteStartArray("promptTokensDetails"u8);
        json.WriteStartObject();
        json.WriteString("modality"u8, "TEXT");
        json.WriteNumber("tokenCount"u8, PromptTokens);
        json.WriteEndObject();
        json.WriteEndArray();
        if (final)
        {
            // As recorded (docs/providers.md#gemini-responses): the answer's tokens by modality, beside the prompt's.
            json.WriteStartArray("candidatesTokensDetails"u8);
            json.WriteStartObject();
            json.WriteString("modality"u8, "TEXT");
            json.WriteNumber("tokenCount"u8, Answer.OutputTokens);
            json.WriteEndObject();
            json.WriteEndArray();
        }
        if (Thinking.Tokens > 0) json.WriteNumber("thoughtsTokenCount"u8, Thinking.Tokens);
        json.WriteEndObject();
        json.WriteString("modelVersion"u8, ModelVersion);
        json.WriteString("responseId"u8, ResponseId);
        json.WriteEndObject();
    }
}
