using System.Text.Json;
using ChaosKit.Fakes.Content;

namespace ChaosKit.Fakes.OpenAi;

/// <summary>
/// A Responses API response object, written in the real API's field order (PROVIDERS.md §1.3). Its one output item
/// is a <c>message</c> with the text, or a <c>function_call</c> when the request forced a function tool.
/// </summary>
/// <param name="Id"><c>resp_…</c>.</param>
/// <param name="ItemId">Id of the one output item: <c>msg_…</c> for a message, <c>fc_…</c> for a function call.</param>
/// <param name="CreatedAt">Unix seconds.</param>
/// <param name="Model">The snapshot that "served" the call.</param>
/// <param name="Answer">Generated text and how it ended.</param>
/// <param name="InputTokens">Estimated input tokens.</param>
/// <param name="Request">The request, for the echoed settings.</param>
internal sealed record ResponseObject(
    string Id, string ItemId, long CreatedAt, string Model, Answer Answer, int InputTokens, ResponsesRequest Request)
{
    /// <summary>The <c>call_id</c> of the function call when the answer calls a tool (<c>call_…</c>).</summary>
    public string CallId { get; init; } = "";

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
        if (done) WriteItem(json, status);
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
        // The real API echoes the request's tool settings.
        json.WritePropertyName("tool_choice");
        if (Request.ToolChoiceJson is { } choice) json.WriteRawValue(choice);
        else json.WriteStringValue("auto");
        if (Request.ToolsJson is { } tools)
        {
            json.WritePropertyName("tools");
            json.WriteRawValue(tools);
        }
        else
        {
            json.WriteStartArray("tools");
            json.WriteEndArray();
        }
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

    /// <summary>Writes the output item (the message, or the function call); <c>in_progress</c> leaves it empty.</summary>
    public void WriteItem(Utf8JsonWriter json, string status)
    {
        if (Answer.Tool is { } tool)
        {
            json.WriteStartObject();
            json.WriteString("id", ItemId);
            json.WriteString("type", "function_call");
            json.WriteString("status", status);
            json.WriteString("arguments", status == "in_progress" ? "" : tool.Arguments);
            json.WriteString("call_id", CallId);
            json.WriteString("name", tool.Name);
            json.WriteEndObject();
            return;
        }
        json.WriteStartObject();
        json.WriteString("id", ItemId);
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
