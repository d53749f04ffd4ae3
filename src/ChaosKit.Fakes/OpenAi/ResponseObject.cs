using System.Text.Json;
using ChaosKit.Fakes.Content;

namespace ChaosKit.Fakes.OpenAi;

/// <summary>A Responses API response object, written in the real API's field order (PROVIDERS.md §1.3).</summary>
/// <param name="Id"><c>resp_…</c>.</param>
/// <param name="MessageId">Id of the one output message, <c>msg_…</c>.</param>
/// <param name="CreatedAt">Unix seconds.</param>
/// <param name="Model">The snapshot that "served" the call.</param>
/// <param name="Answer">Generated text and how it ended.</param>
/// <param name="InputTokens">Estimated input tokens.</param>
/// <param name="Request">The request, for the echoed settings.</param>
internal sealed record ResponseObject(
    string Id, string MessageId, long CreatedAt, string Model, Answer Answer, int InputTokens, ResponsesRequest Request)
{
    /// <summary><c>incomplete</c> when cut by <c>max_output_tokens</c>, else <c>completed</c>.</summary>
    public string FinalStatus => Answer.End == AnswerEnd.MaxTokens ? "incomplete" : "completed";

    /// <summary>Writes the object as it stands at <paramref name="status"/> (<c>in_progress</c>: no output, no usage).</summary>
    public void Write(Utf8JsonWriter json, string status)
    {
        var done = status != "in_progress";
        json.WriteStartObject();
        json.WriteString("id", Id);
        json.WriteString("object", "response");
        json.WriteNumber("created_at", CreatedAt);
        json.WriteString("status", status);
        json.WriteBoolean("background", false);
        json.WriteNull("error");
        if (status == "incomplete")
        {
            json.WriteStartObject("incomplete_details");
            json.WriteString("reason", "max_output_tokens");
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("incomplete_details");
        }
        if (Request.Instructions is { } instructions) json.WriteString("instructions", instructions);
        else json.WriteNull("instructions");
        if (Request.MaxOutputTokens is { } max) json.WriteNumber("max_output_tokens", max);
        else json.WriteNull("max_output_tokens");
        json.WriteNull("max_tool_calls");
        json.WriteString("model", Model);
        json.WriteStartArray("output");
        if (done) WriteMessage(json, status);
        json.WriteEndArray();
        json.WriteBoolean("parallel_tool_calls", true);
        json.WriteNull("previous_response_id");
        json.WriteNull("prompt_cache_key");
        json.WriteStartObject("reasoning");
        json.WriteNull("effort");
        json.WriteNull("summary");
        json.WriteEndObject();
        json.WriteNull("safety_identifier");
        json.WriteString("service_tier", "default");
        json.WriteBoolean("store", true);
        json.WriteNumber("temperature", Request.Temperature);
        json.WriteStartObject("text");
        json.WriteStartObject("format");
        json.WriteString("type", "text");
        json.WriteEndObject();
        json.WriteString("verbosity", "medium");
        json.WriteEndObject();
        json.WriteString("tool_choice", "auto");
        json.WriteStartArray("tools");
        json.WriteEndArray();
        json.WriteNumber("top_logprobs", 0);
        json.WriteNumber("top_p", Request.TopP);
        json.WriteString("truncation", "disabled");
        if (done)
        {
            json.WriteStartObject("usage");
            json.WriteNumber("input_tokens", InputTokens);
            json.WriteStartObject("input_tokens_details");
            json.WriteNumber("cached_tokens", 0);
            json.WriteEndObject();
            json.WriteNumber("output_tokens", Answer.OutputTokens);
            json.WriteStartObject("output_tokens_details");
            json.WriteNumber("reasoning_tokens", 0);
            json.WriteEndObject();
            json.WriteNumber("total_tokens", InputTokens + Answer.OutputTokens);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("usage");
        }
        json.WriteNull("user");
        json.WriteStartObject("metadata");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Writes the output message item; <paramref name="status"/> <c>in_progress</c> leaves its content empty.</summary>
    public void WriteMessage(Utf8JsonWriter json, string status)
    {
        json.WriteStartObject();
        json.WriteString("id", MessageId);
        json.WriteString("type", "message");
        json.WriteString("status", status);
        json.WriteStartArray("content");
        if (status != "in_progress") WriteTextPart(json, Answer.Text);
        json.WriteEndArray();
        json.WriteString("role", "assistant");
        json.WriteEndObject();
    }

    /// <summary>Writes an <c>output_text</c> content part.</summary>
    public static void WriteTextPart(Utf8JsonWriter json, string text)
    {
        json.WriteStartObject();
        json.WriteString("type", "output_text");
        json.WriteStartArray("annotations");
        json.WriteEndArray();
        json.WriteStartArray("logprobs");
        json.WriteEndArray();
        json.WriteString("text", text);
        json.WriteEndObject();
    }
}
