using System.Text.Json;
using ChaosKit.Fakes.Content;

namespace ChaosKit.Fakes.Anthropic;

/// <summary>A successful <c>POST /v1/messages</c> answer, written field for field as the real API orders it (§2.2).</summary>
/// <param name="Id">Message id, <c>msg_01…</c>.</param>
/// <param name="Model">The snapshot that "served" the call.</param>
/// <param name="Answer">Generated text and how it ended.</param>
/// <param name="InputTokens">Estimated prompt tokens.</param>
internal sealed record MessageResponse(string Id, string Model, Answer Answer, int InputTokens)
{
    /// <summary>Id of the <c>tool_use</c> block when the answer calls a tool (<c>toolu_01…</c>).</summary>
    public string ToolUseId { get; init; } = "";

    /// <summary>The <c>stop_reason</c> value.</summary>
    public string StopReason => Answer.End switch
    {
        AnswerEnd.MaxTokens => "max_tokens",
        AnswerEnd.StopSequence => "stop_sequence",
        AnswerEnd.ToolCall => "tool_use",
        _ => "end_turn",
    };

    /// <summary>Writes the JSON body.</summary>
    public static void Write(Utf8JsonWriter json, MessageResponse message)
    {
        json.WriteStartObject();
        json.WriteString("id", message.Id);
        json.WriteString("type", "message");
        json.WriteString("role", "assistant");
        json.WriteString("model", message.Model);
        json.WriteStartArray("content");
        json.WriteStartObject();
        if (message.Answer.Tool is { } tool)
        {
            json.WriteString("type", "tool_use");
            json.WriteString("id", message.ToolUseId);
            json.WriteString("name", tool.Name);
            json.WritePropertyName("input");
            json.WriteRawValue(tool.Arguments);
        }
        else
        {
            json.WriteString("type", "text");
            json.WriteString("text", message.Answer.Text);
        }
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteString("stop_reason", message.StopReason);
        if (message.Answer.StopSequence is { } stop) json.WriteString("stop_sequence", stop);
        else json.WriteNull("stop_sequence");
        json.WriteStartObject("usage");
        json.WriteNumber("input_tokens", message.InputTokens);
        json.WriteNumber("cache_creation_input_tokens", 0);
        json.WriteNumber("cache_read_input_tokens", 0);
        json.WriteStartObject("cache_creation");
        json.WriteNumber("ephemeral_5m_input_tokens", 0);
        json.WriteNumber("ephemeral_1h_input_tokens", 0);
        json.WriteEndObject();
        json.WriteNumber("output_tokens", message.Answer.OutputTokens);
        json.WriteString("service_tier", "standard");
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
