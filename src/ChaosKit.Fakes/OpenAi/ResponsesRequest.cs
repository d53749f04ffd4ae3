using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ChaosKit.Fakes.OpenAi;

/// <summary>
/// The parts of a <c>POST /v1/responses</c> body the fake needs and echoes (docs/providers.md#openai-responses).
/// </summary>
/// <param name="Model">Requested model.</param>
/// <param name="MaxOutputTokens"><c>max_output_tokens</c>, if set.</param>
/// <param name="Stream">Whether an SSE stream was asked for.</param>
/// <param name="PromptChars">Characters of text in <c>input</c> and <c>instructions</c>.</param>
/// <param name="Instructions">The <c>instructions</c>, echoed.</param>
/// <param name="Temperature">The <c>temperature</c>, echoed (default 1).</param>
/// <param name="TopP">The <c>top_p</c>, echoed (default 1).</param>
internal sealed record ResponsesRequest(
    string Model, int? MaxOutputTokens, bool Stream, long PromptChars, string? Instructions, double Temperature, double TopP)
{
    /// <summary>
    /// The function tool <c>tool_choice</c> forces (<c>{"type":"function","name":…}</c>, or the first function tool
    /// for <c>required</c>), or with <c>tool_calls: auto</c> the first the model may choose: its name and
    /// <c>parameters</c> schema as JSON.
    /// </summary>
    public (string Name, string Schema)? ForcedTool { get; init; }

    /// <summary>The structured output <c>text.format</c> asks for (<c>json_schema</c>, <c>json_object</c>); <see langword="null"/>: text.</summary>
    public Content.StructuredFormat? Format { get; init; }

    /// <summary><c>reasoning.effort</c> (<c>minimal</c>, <c>low</c>, <c>medium</c>, <c>high</c>) for a reasoning model.</summary>
    public string? ReasoningEffort { get; init; }

    /// <summary><c>reasoning.summary</c> (<c>auto</c>, <c>concise</c>, <c>detailed</c>): a reasoning model sums up its reasoning.</summary>
    public string? ReasoningSummary { get; init; }

    /// <summary><c>stream_options.include_obfuscation</c> (default true): streamed deltas carry <c>obfuscation</c> padding.</summary>
    public bool IncludeObfuscation { get; init; } = true;

    /// <summary><c>previous_response_id</c>, echoed.</summary>
    public string? PreviousResponseId { get; init; }

    /// <summary>The request's <c>text.format</c> as raw JSON, echoed in the response; <see langword="null"/>: plain text.</summary>
    public string? FormatJson { get; init; }

    /// <summary>The request's <c>tools</c> as raw JSON, echoed in the response; <see langword="null"/>: none.</summary>
    public string? ToolsJson { get; init; }

    /// <summary>The request's <c>tool_choice</c> as raw JSON, echoed in the response; <see langword="null"/>: <c>auto</c>.</summary>
    public string? ToolChoiceJson { get; init; }

    /// <summary><c>top_logprobs</c> (0-20), echoed, and the alternatives each token's entry lists.</summary>
    public int TopLogprobs { get; init; }

    /// <summary>Whether <c>include</c> asks for <c>message.output_text.logprobs</c>.</summary>
    public bool IncludeLogprobs { get; init; }

    /// <summary>Reads <paramref name="root"/>; returns the 400 to send when it is not acceptable.</summary>
    /// <param name="root">The request body.</param>
    /// <param name="request">The request, when acceptable.</param>
    /// <param name="autoToolCalls">Call a tool when the request leaves the choice to the model (<c>tool_calls: auto</c>).</param>
    public static OpenAiError? Read(JsonElement root, out ResponsesRequest? request, bool autoToolCalls = false)
    {
        request = null;
        if (root.ValueKind != JsonValueKind.Object)
            return new OpenAiError("Invalid type for request body: expected an object.", OpenAiError.InvalidRequest, null, "invalid_type");
        if (OpenAiFields.Model(root, out var model) is { } modelError) return modelError;
        if (!root.TryGetProperty("input"u8, out var input)) return OpenAiFields.Missing("input");
        if (input.ValueKind is not (JsonValueKind.String or JsonValueKind.Array)) return OpenAiFields.InvalidType("input", "a string or an array");
        if (OpenAiFields.OptionalInt(root, "max_output_tokens", out var maxOutput) is { } e1) return e1;
        if (maxOutput is < 16)
            return new OpenAiError($"Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got {maxOutput} instead.",
                OpenAiError.InvalidRequest, "max_output_tokens", "integer_below_min_value");
        if (OpenAiFields.OptionalBool(root, "stream", out var stream) is { } e2) return e2;
        var top = 0;
        if (root.TryGetProperty("top_logprobs"u8, out var t) && t.ValueKind != JsonValueKind.Null)
        {
            if (t.ValueKind != JsonValueKind.Number || !t.TryGetInt32(out top)) return OpenAiFields.InvalidType("top_logprobs", "an integer");
            if (OpenAiFields.TopLogprobsRange(top) is { } outOfRange) return outOfRange;
        }
        string? instructions = root.TryGetProperty("instructions"u8, out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
        var chars = OpenAiFields.TextLength(input) + (instructions?.Length ?? 0);
        var format = root.TryGetProperty("text"u8, out var text) && text.ValueKind == JsonValueKind.Object
            && text.TryGetProperty("format"u8, out var f) && f.ValueKind == JsonValueKind.Object ? f : default;
        request = new ResponsesRequest(model, maxOutput, stream, chars, instructions, Number(root, "temperature"), Number(root, "top_p"))
        {
            Format = format.ValueKind == JsonValueKind.Object ? Content.StructuredFormat.Of(format) : null,
            FormatJson = format.ValueKind == JsonValueKind.Object ? Compact(format) : null,
            ReasoningEffort = StringIn(root, "reasoning", "effort"),
            // generate_summary is the field's older name.
            ReasoningSummary = StringIn(root, "reasoning", "summary") ?? StringIn(root, "reasoning", "generate_summary"),
            IncludeObfuscation = !(root.TryGetProperty("stream_options"u8, out var options) && options.ValueKind == JsonValueKind.Object
                && options.TryGetProperty("include_obfuscation"u8, out var obfuscation) && obfuscation.ValueKind == JsonValueKind.False),
            PreviousResponseId = root.TryGetProperty("previous_response_id"u8, out var previous) && previous.ValueKind == JsonValueKind.String
                ? previous.GetString() : null,
            ForcedTool = ForcedToolOf(root, autoToolCalls && !EndsWithToolOutput(input)),
            TopLogprobs = top,
            IncludeLogprobs = root.TryGetProperty("include"u8, out var include) && include.ValueKind == JsonValueKind.Array
                && include.EnumerateArray().Any(i => i.ValueKind == JsonValueKind.String && i.ValueEquals("message.output_text.logprobs"u8)),
            ToolsJson = root.TryGetProperty("tools"u8, out var tools) && tools.ValueKind == JsonValueKind.Array ? Compact(tools) : null,
            ToolChoiceJson = root.TryGetProperty("tool_choice"u8, out var choice) && choice.ValueKind is JsonValueKind.String or JsonValueKind.Object
                ? Compact(choice) : null,
        };
        return null;
    }

    // The string at root.outer.inner, if there is one.
    private static string? StringIn(JsonElement root, string outer, string inner) =>
        root.TryGetProperty(outer, out var parent) && parent.ValueKind == JsonValueKind.Object
        && parent.TryGetProperty(inner, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // Responses tools are flat: {"type":"function","name":…,"parameters":{…}}; the forced choice names one the same way.
    // When the model may call one (tool_choice absent or "auto", tool_calls: auto, the input not ending in a function
    // call's output), it calls the first function.
    private static (string Name, string Schema)? ForcedToolOf(JsonElement root, bool modelMayCall)
    {
        if (!root.TryGetProperty("tools"u8, out var tools) || tools.ValueKind != JsonValueKind.Array) return null;
        var hasChoice = root.TryGetProperty("tool_choice"u8, out var choice);
        string? wanted = null;
        if (!hasChoice || (choice.ValueKind == JsonValueKind.String && choice.ValueEquals("auto"u8)))
        {
            if (!modelMayCall) return null;
        }
        else if (choice.ValueKind == JsonValueKind.Object && choice.TryGetProperty("type"u8, out var type) && type.ValueKind == JsonValueKind.String
            && type.GetString() == "function" && choice.TryGetProperty("name"u8, out var n) && n.ValueKind == JsonValueKind.String)
            wanted = n.GetString();
        else if (!(choice.ValueKind == JsonValueKind.String && choice.GetString() == "required"))
            return null;
        foreach (var tool in tools.EnumerateArray())
        {
            if (tool.ValueKind != JsonValueKind.Object || !tool.TryGetProperty("type"u8, out var kind) || kind.ValueKind != JsonValueKind.String
                || kind.GetString() != "function" || !tool.TryGetProperty("name"u8, out var name) || name.ValueKind != JsonValueKind.String)
                continue;
            if (wanted is not null && name.GetString() != wanted) continue;
            var schema = tool.TryGetProperty("parameters"u8, out var p) && p.ValueKind == JsonValueKind.Object ? p.GetRawText() : "{\"type\":\"object\"}";
            return (name.GetString()!, schema);
        }
        return null;
    }

    // Whether the input's last item is a function call's output: the model then answers it.
    private static bool EndsWithToolOutput(JsonElement input) =>
        input.ValueKind == JsonValueKind.Array && input.GetArrayLength() > 0
        && input[input.GetArrayLength() - 1] is { ValueKind: JsonValueKind.Object } last
        && last.TryGetProperty("type"u8, out var type) && type.ValueEquals("function_call_output"u8);

    // Echoed inside SSE data lines, so re-written without the line breaks the client may have sent.
    private static string Compact(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer)) value.WriteTo(json);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static double Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : 1.0;
}
