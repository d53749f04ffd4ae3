using System.Text.Json;
using ChaosKit.Fakes.Content;

namespace ChaosKit.Fakes.OpenAi;

/// <summary>
/// A Responses API response object, written in the real API's field order (docs/providers.md#openai-responses). Its
/// output is a <c>message</c> with the text, or a <c>function_call</c> when the request forced a function tool; a
/// reasoning model puts a <c>reasoning</c> item before it, whose summary is empty unless <c>reasoning.summary</c> asked
/// for one.
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

    /// <summary>Hidden reasoning tokens of a reasoning model, billed in <c>output_tokens</c>.</summary>
    public int ReasoningTokens { get; init; }

    /// <summary>Id of the <c>reasoning</c> output item (<c>rs_…</c>) of a reasoning model; <see langword="null"/> for others.</summary>
    public string? ReasoningItemId { get; init; }

    /// <summary>The reasoning's summary, when <c>reasoning.summary</c> asked for one; <see langword="null"/> otherwise.</summary>
    public Answer? ReasoningSummary { get; init; }

    /// <summary>The log probabilities of the answer's tokens, when <c>include</c> asked for them (text answers only).</summary>
    public TokenLogprobs? Logprobs { get; init; }

    /// <summary><c>output_tokens</c>: the answer's and the reasoning's.</summary>
    public int OutputTokens => Answer.OutputTokens + ReasoningTokens;

    /// <summary>The answer's place in <c>output</c>: after the reasoning item, when there is one.</summary>
    public int AnswerIndex => ReasoningItemId is null ? 0 : 1;

    /// <summary><c>incomplete</c> when cut by <c>max_output_tokens</c>, else <c>completed</c>.</summary>
    public string FinalStatus => Answer.End == AnswerEnd.MaxTokens ? "incomplete" : "completed";

    /// <summary>Writes the object as it stands at <paramref name="status"/> (<c>in_progress</c>: no output, no usage).</summary>
    public void Write(Utf8JsonWriter json, string status)
    {
        var done = status != "in_progress";
        json.WriteStartObject();
        json.WriteString("id"u8, Id);
        json.WriteString("object"u8, "response");
        json.WriteNumber("created_at"u8, CreatedAt);
        json.WriteString("status"u8, status);
        json.WriteBoolean("background"u8, false);
        json.WriteNull("error"u8);
        if (status == "incomplete")
        {
            json.WriteStartObject("incomplete_details"u8);
            json.WriteString("reason"u8, "max_output_tokens");
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("incomplete_details"u8);
        }
        if (Request.Instructions is { } instructions) json.WriteString("instructions"u8, instructions);
        else json.WriteNull("instructions"u8);
        if (Request.MaxOutputTokens is { } max) json.WriteNumber("max_output_tokens"u8, max);
        else json.WriteNull("max_output_tokens"u8);
        json.WriteNull("max_tool_calls"u8);
        json.WriteString("model"u8, Model);
        json.WriteStartArray("output"u8);
        if (done && ReasoningItemId is not null) WriteReasoningItem(json);
        if (done) WriteItem(json, status);
        json.WriteEndArray();
        json.WriteBoolean("parallel_tool_calls"u8, true);
        if (Request.PreviousResponseId is { } previous) json.WriteString("previous_response_id"u8, previous);
        else json.WriteNull("previous_response_id"u8);
        json.WriteNull("prompt_cache_key"u8);
        json.WriteStartObject("reasoning"u8);
        // A reasoning model reports the effort it used (medium unless asked otherwise); other models have none.
        if (ReasoningItemId is not null) json.WriteString("effort"u8, Request.ReasoningEffort ?? "medium");
        else json.WriteNull("effort"u8);
        if (ReasoningItemId is not null && Request.ReasoningSummary is { } summary) json.WriteString("summary"u8, summary);
        else json.WriteNull("summary"u8);
        json.WriteEndObject();
        json.WriteNull("safety_identifier"u8);
        json.WriteString("service_tier"u8, "default");
        json.WriteBoolean("store"u8, true);
        json.WriteNumber("temperature"u8, Request.Temperature);
        json.WriteStartObject("text"u8);
        // The real API echoes the requested format (a json_schema with its name, schema and strict flag).
        json.WritePropertyName("format"u8);
        if (Request.FormatJson is { } format) json.WriteRawValue(format);
        else json.WriteRawValue("""{"type":"text"}"""u8);
        json.WriteString("verbosity"u8, "medium");
        json.WriteEndObject();
        // The real API echoes the request's tool settings.
        json.WritePropertyName("tool_choice"u8);
        if (Request.ToolChoiceJson is { } choice) json.WriteRawValue(choice);
        else json.WriteStringValue("auto");
        if (Request.ToolsJson is { } tools)
        {
            json.WritePropertyName("tools"u8);
            json.WriteRawValue(tools);
        }
        else
        {
            json.WriteStartArray("tools"u8);
            json.WriteEndArray();
        }
        json.WriteNumber("top_logprobs"u8, Request.TopLogprobs);
        json.WriteNumber("top_p"u8, Request.TopP);
        json.WriteString("truncation"u8, "disabled");
        if (done)
        {
            json.WriteStartObject("usage"u8);
            json.WriteNumber("input_tokens"u8, InputTokens);
            json.WriteStartObject("input_tokens_details"u8);
            json.WriteNumber("cached_tokens"u8, 0);
            json.WriteEndObject();
            json.WriteNumber("output_tokens"u8, OutputTokens);
            json.WriteStartObject("output_tokens_details"u8);
            json.WriteNumber("reasoning_tokens"u8, ReasoningTokens);
            json.WriteEndObject();
            json.WriteNumber("total_tokens"u8, InputTokens + OutputTokens);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("usage"u8);
        }
        json.WriteNull("user"u8);
        json.WriteStartObject("metadata"u8);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Writes the <c>reasoning</c> output item: its id and its summary (empty while streaming, or when not asked for).</summary>
    public void WriteReasoningItem(Utf8JsonWriter json, bool done = true)
    {
        json.WriteStartObject();
        json.WriteString("id"u8, ReasoningItemId);
        json.WriteString("type"u8, "reasoning");
        json.WriteStartArray("summary"u8);
        if (done && ReasoningSummary is { } summary) WriteSummaryPart(json, summary.Text);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Writes a <c>summary_text</c> part of the reasoning item.</summary>
    public static void WriteSummaryPart(Utf8JsonWriter json, string text)
    {
        json.WriteStartObject();
        json.WriteString("type"u8, "summary_text");
        json.WriteString("text"u8, text);
        json.WriteEndObject();
    }

    /// <summary>Writes the output item (the message, or the function call); <c>in_progress</c> leaves it empty.</summary>
    public void WriteItem(Utf8JsonWriter json, string status)
    {
        if (Answer.Tool is { } tool)
        {
            json.WriteStartObject();
            json.WriteString("id"u8, ItemId);
            json.WriteString("type"u8, "function_call");
            json.WriteString("status"u8, status);
            json.WriteString("arguments"u8, status == "in_progress" ? "" : tool.Arguments);
            json.WriteString("call_id"u8, CallId);
            json.WriteString("name"u8, tool.Name);
            json.WriteEndObject();
            return;
        }
        json.WriteStartObject();
        json.WriteString("id"u8, ItemId);
        json.WriteString("type"u8, "message");
        json.WriteString("status"u8, status);
        json.WriteStartArray("content"u8);
        if (status != "in_progress") WriteTextPart(json, Answer.Text, Logprobs?.All());
        json.WriteEndArray();
        json.WriteString("role"u8, "assistant");
        json.WriteEndObject();
    }

    /// <summary>Writes an <c>output_text</c> content part, with the <paramref name="logprobs"/> entries (JSON array) when asked for.</summary>
    public static void WriteTextPart(Utf8JsonWriter json, string text, byte[]? logprobs = null)
    {
        json.WriteStartObject();
        json.WriteString("type"u8, "output_text");
        json.WriteStartArray("annotations"u8);
        json.WriteEndArray();
        WriteLogprobs(json, logprobs);
        json.WriteString("text"u8, text);
        json.WriteEndObject();
    }

    /// <summary>Writes <c>"logprobs"</c>: the <paramref name="entries"/> (a JSON array), or <c>[]</c>.</summary>
    public static void WriteLogprobs(Utf8JsonWriter json, byte[]? entries)
    {
        json.WritePropertyName("logprobs"u8);
        if (entries is null)
        {
            json.WriteStartArray();
            json.WriteEndArray();
        }
        else
        {
            json.WriteRawValue(entries, skipInputValidation: true);
        }
    }
}
