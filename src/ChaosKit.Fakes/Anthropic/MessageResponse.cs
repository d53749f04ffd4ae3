using System.Text.Json;
using ChaosKit.Fakes.Content;

namespace ChaosKit.Fakes.Anthropic;

/// <summary>
/// A successful <c>POST /v1/messages</c> answer, written field for field as the real API orders it
/// (docs/providers.md#anthropic-responses).
/// </summary>
/// <param name="Id">Message id, <c>msg_01…</c>.</param>
/// <param name="Model">The snapshot that "served" the call.</param>
/// <param name="Answer">Generated text and how it ended.</param>
/// <param name="InputTokens">Estimated prompt tokens.</param>
internal sealed record MessageResponse(string Id, string Model, Answer Answer, int InputTokens)
{
    /// <summary>Id of the <c>tool_use</c> block when the answer calls a tool (<c>toolu_01…</c>).</summary>
    public string ToolUseId { get; init; } = "";

    /// <summary>The <c>thinking</c> block that comes first when the request enabled extended thinking.</summary>
    public Thinking? Thinking { get; init; }

    /// <summary><c>output_tokens</c>: the thinking's and the answer's.</summary>
    public int OutputTokens => (Thinking?.Tokens ?? 0) + Answer.OutputTokens;

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
        json.WriteString("id"u8, message.Id);
        json.WriteString("type"u8, "message");
        json.WriteString("role"u8, "assistant");
        json.WriteString("model"u8, message.Model);
        json.WriteStartArray("content"u8);
        if (message.Thinking is { } thinking)
        {
            json.WriteStartObject();
            json.WriteString("type"u8, "thinking");
            json.WriteString("thinking"u8, thinking.Text);
            json.WriteString("signature"u8, thinking.Signature);
            json.WriteEndObject();
        }
        json.WriteStartObject();
        if (message.Answer.Tool is { } tool)
        {
            json.WriteString("type"u8, "tool_use");
            json.WriteString("id"u8, message.ToolUseId);
            json.WriteString("name"u8, tool.Name);
            json.WritePropertyName("input"u8);
            json.WriteRawValue(tool.Arguments);
        }
        else
        {
            json.WriteString("type"u8, "text");
            json.WriteString("text"u8, message.Answer.Text);
        }
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteString("stop_reason"u8, message.StopReason);
        if (message.Answer.StopSequence is { } stop) json.WriteString("stop_sequence"u8, stop);
        else json.WriteNull("stop_sequence"u8);
        json.WriteStartObject("usage"u8);
        json.WriteNumber("input_tokens"u8, message.InputTokens);
        json.WriteNumber("cache_creation_input_tokens"u8, 0);
        json.WriteNumber("cache_read_input_tokens"u8, 0);
        json.WriteStartObject("cache_creation"u8);
        json.WriteNumber("ephemeral_5m_input_tokens"u8, 0);
        json.WriteNumber("ephemeral_1h_input_tokens"u8, 0);
        json.WriteEndObject();
        json.WriteNumber("output_tokens"u8, message.OutputTokens);
        json.WriteString("service_tier"u8, "standard");
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
