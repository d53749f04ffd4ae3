using System.Text.Json;

namespace ChaosKit.Fakes.Anthropic;

/// <summary>
/// The parts of a <c>POST /v1/messages</c> body the fake needs, read and checked the way the real API checks them.
/// Error messages follow the real API's <c>field: problem</c> wording.
/// </summary>
/// <param name="Model">Requested model name.</param>
/// <param name="MaxTokens">Output token limit.</param>
/// <param name="Stream">Whether an SSE stream was asked for.</param>
/// <param name="PromptChars">Characters of text in <c>system</c> and <c>messages</c>, for the input token estimate.</param>
/// <param name="StopSequences">Custom stop sequences.</param>
internal sealed record MessagesRequest(string Model, int MaxTokens, bool Stream, long PromptChars, IReadOnlyList<string> StopSequences)
{
    /// <summary>
    /// The tool the answer calls, its name and <c>input_schema</c> as JSON: the one <c>tool_choice</c> forces
    /// (<c>{"type":"tool","name":…}</c>, or the first for <c>{"type":"any"}</c>), or with <c>tool_calls: auto</c> the
    /// first the model may choose.
    /// </summary>
    public (string Name, string Schema)? ForcedTool { get; init; }

    /// <summary>
    /// Structured output: <c>output_config.format</c> (or the beta's <c>output_format</c>) of type <c>json_schema</c>;
    /// <see langword="null"/> for text.
    /// </summary>
    public Content.StructuredFormat? Format { get; init; }

    /// <summary>
    /// Extended thinking: the most tokens the answer may think in before it answers (<c>thinking.budget_tokens</c>, or
    /// for <c>adaptive</c> thinking, whatever <c>max_tokens</c> leaves); <see langword="null"/> without thinking.
    /// </summary>
    public int? ThinkingBudget { get; init; }

    /// <summary><c>thinking.display: omitted</c>: the thinking block keeps its signature but not its text.</summary>
    public bool ThinkingOmitted { get; init; }

    /// <summary>What Anthropic answers are seeded with, beside the scenario seed and the body (see <see cref="Content.ContentSeed"/>).</summary>
    public const string SeedPurpose = "anthropic-content";

    /// <summary>
    /// The seed of the answer: <see cref="Content.ContentSeed"/> of the body, with <see cref="SeedPurpose"/>; 0 for a
    /// token count, which has no answer.
    /// </summary>
    public int ContentSeed { get; init; }

    /// <summary>Parses <paramref name="body"/>; on failure returns <see langword="null"/> and a message for a 400.</summary>
    /// <param name="body">The raw body.</param>
    /// <param name="scenarioSeed">The scenario's seed, for <see cref="ContentSeed"/>.</param>
    /// <param name="error">Why the body was refused.</param>
    /// <param name="countOnly">For <c>/v1/messages/count_tokens</c>, which takes no <c>max_tokens</c>.</param>
    /// <remarks>
    /// The content seed is taken from the same parsed document: the protocol used to parse the body a second time
    /// for it, on every call.
    /// </remarks>
    /// <param name="autoToolCalls">Call a tool when the request leaves the choice to the model (<c>tool_calls: auto</c>).</param>
    public static MessagesRequest? Parse(ReadOnlyMemory<byte> body, int scenarioSeed, out string? error, bool countOnly = false, bool autoToolCalls = false)
    {
        if (body.IsEmpty)
        {
            error = "The request body is empty; send a JSON object with model, max_tokens and messages.";
            return null;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            error = $"The request body is not valid JSON: {e.Message}";
            return null;
        }
        using (document)
        {
            error = Check(document.RootElement, countOnly, scenarioSeed, autoToolCalls, out var request);
            return request;
        }
    }

    private static string? Check(JsonElement root, bool countOnly, int scenarioSeed, bool autoToolCalls, out MessagesRequest? request)
    {
        request = null;
        if (root.ValueKind != JsonValueKind.Object) return "The request body must be a JSON object.";

        if (!root.TryGetProperty("model"u8, out var model)) return "model: Field required";
        if (model.ValueKind != JsonValueKind.String || model.GetString() is not { Length: > 0 } modelName)
            return "model: Input should be a valid string";

        var limit = int.MaxValue;
        if (root.TryGetProperty("max_tokens"u8, out var maxTokens))
        {
            if (maxTokens.ValueKind != JsonValueKind.Number || !maxTokens.TryGetInt32(out limit))
                return "max_tokens: Input should be a valid integer";
            if (limit < 1) return "max_tokens: Input should be greater than or equal to 1";
        }
        else if (!countOnly)
        {
            return "max_tokens: Field required";
        }

        if (!root.TryGetProperty("messages"u8, out var messages)) return "messages: Field required";
        if (messages.ValueKind != JsonValueKind.Array) return "messages: Input should be a valid list";
        if (messages.GetArrayLength() == 0) return "messages: at least one message is required";

        long promptChars = 0;
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object) return $"messages.{index}: Input should be a valid dictionary";
            if (!message.TryGetProperty("role"u8, out var role)) return $"messages.{index}.role: Field required";
            if (role.ValueKind != JsonValueKind.String || role.GetString() is not ("user" or "assistant" or "system"))
                return $"messages.{index}.role: Input should be 'user', 'assistant' or 'system'";
            if (!message.TryGetProperty("content"u8, out var content)) return $"messages.{index}.content: Field required";
            if (content.ValueKind is not (JsonValueKind.String or JsonValueKind.Array))
                return $"messages.{index}.content: Input should be a valid string or a list of content blocks";
            promptChars += TextLength(content);
            index++;
        }
        if (root.TryGetProperty("system"u8, out var system)) promptChars += TextLength(system);

        var stream = false;
        if (root.TryGetProperty("stream"u8, out var streamValue))
        {
            if (streamValue.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) return "stream: Input should be a valid boolean";
            stream = streamValue.GetBoolean();
        }

        var stops = new List<string>();
        if (root.TryGetProperty("stop_sequences"u8, out var stopValues))
        {
            if (stopValues.ValueKind != JsonValueKind.Array) return "stop_sequences: Input should be a valid list";
            foreach (var stop in stopValues.EnumerateArray())
            {
                if (stop.ValueKind != JsonValueKind.String) return "stop_sequences: Input should be a list of strings";
                stops.Add(stop.GetString()!);
            }
        }

        if (ThinkingOf(root, limit, countOnly, out var thinkingBudget, out var thinkingOmitted) is { } thinkingError) return thinkingError;

        request = new MessagesRequest(modelName, limit, stream, promptChars, stops)
        {
            ThinkingBudget = thinkingBudget,
            ThinkingOmitted = thinkingOmitted,
            ForcedTool = ToolCallOf(root, autoToolCalls),
            Format = FormatOf(root),
            ContentSeed = countOnly ? 0 : Content.ContentSeed.Of(scenarioSeed, SeedPurpose, root),
        };
        return null;
    }

    // {"type":"enabled","budget_tokens":N} (N >= 1024 and below max_tokens), {"type":"adaptive"}, {"type":"disabled"}, or
    // {"type":"between_tools"} (thinking only between tool calls, so none before the first answer).
    // With display: omitted, the block keeps its signature but not its text.
    private static string? ThinkingOf(JsonElement root, int maxTokens, bool countOnly, out int? budget, out bool omitted)
    {
        budget = null;
        omitted = false;
        if (!root.TryGetProperty("thinking"u8, out var thinking) || thinking.ValueKind == JsonValueKind.Null) return null;
        if (thinking.ValueKind != JsonValueKind.Object || !thinking.TryGetProperty("type"u8, out var type) || type.ValueKind != JsonValueKind.String)
            return "thinking: Input tag not found; expected one of 'enabled', 'disabled', 'adaptive' or 'between_tools'";
        omitted = thinking.TryGetProperty("display"u8, out var display) && display.ValueKind == JsonValueKind.String && display.ValueEquals("omitted"u8);
        switch (type.GetString())
        {
            case "disabled" or "between_tools":
                return null;
            case "adaptive":
                budget = countOnly ? 0 : Math.Max(1, maxTokens / 2);
                return null;
            case "enabled":
                if (!thinking.TryGetProperty("budget_tokens"u8, out var tokens)) return "thinking.enabled.budget_tokens: Field required";
                if (tokens.ValueKind != JsonValueKind.Number || !tokens.TryGetInt32(out var n)) return "thinking.enabled.budget_tokens: Input should be a valid integer";
                if (n < 1024) return "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024";
                if (!countOnly && n >= maxTokens)
                    return "`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size";
                budget = n;
                return null;
            default:
                return $"thinking: Input tag '{type.GetString()}' found using 'type' does not match any of the expected tags: 'enabled', 'disabled', 'adaptive', 'between_tools'";
        }
    }

    // {"type":"json_schema","schema":{…}}, under output_config.format (GA) or output_format (the beta before it).
    private static Content.StructuredFormat? FormatOf(JsonElement root)
    {
        if (root.TryGetProperty("output_config"u8, out var config) && config.ValueKind == JsonValueKind.Object
            && config.TryGetProperty("format"u8, out var format) && format.ValueKind == JsonValueKind.Object)
            return Content.StructuredFormat.Of(format);
        return root.TryGetProperty("output_format"u8, out var beta) ? Content.StructuredFormat.Of(beta) : null;
    }

    // The tool the answer calls: the one tool_choice forces ({"type":"tool","name":…}, or the first for "any"), or with
    // tool_calls: auto and the choice left to the model (no tool_choice, or "auto"), the first custom tool, unless
    // the last turn already carries tool results.
    private static (string Name, string Schema)? ToolCallOf(JsonElement root, bool autoToolCalls)
    {
        if (!root.TryGetProperty("tools"u8, out var tools) || tools.ValueKind != JsonValueKind.Array) return null;
        var type = "auto";
        string? wanted = null;
        if (root.TryGetProperty("tool_choice"u8, out var choice))
        {
            if (choice.ValueKind != JsonValueKind.Object) return null;
            type = choice.TryGetProperty("type"u8, out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            wanted = type == "tool" && choice.TryGetProperty("name"u8, out var n) ? n.GetString() : null;
        }
        var chosenByModel = type == "auto";
        if (chosenByModel && (!autoToolCalls || EndsWithToolResults(root))) return null;
        if (!chosenByModel && type is not ("tool" or "any")) return null;
        foreach (var tool in tools.EnumerateArray())
        {
            if (tool.ValueKind != JsonValueKind.Object || !tool.TryGetProperty("name"u8, out var name) || name.ValueKind != JsonValueKind.String) continue;
            if (wanted is not null && name.GetString() != wanted) continue;
            var hasSchema = tool.TryGetProperty("input_schema"u8, out var s);
            // Server tools (web search, code execution) have a type and no input schema: the model does not call them as tool_use.
            if (chosenByModel && !hasSchema) continue;
            return (name.GetString()!, hasSchema ? s.GetRawText() : "{\"type\":\"object\"}");
        }
        return null;
    }

    // Whether the last message is the user's tool_result blocks: the model then answers them.
    private static bool EndsWithToolResults(JsonElement root)
    {
        if (!root.TryGetProperty("messages"u8, out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
            return false;
        var last = messages[messages.GetArrayLength() - 1];
        if (!last.TryGetProperty("content"u8, out var content) || content.ValueKind != JsonValueKind.Array) return false;
        foreach (var block in content.EnumerateArray())
        {
            if (block.ValueKind == JsonValueKind.Object && block.TryGetProperty("type"u8, out var type) && type.ValueEquals("tool_result"u8)) return true;
        }
        return false;
    }

    // A string, or content blocks whose "text" fields count; images and tool blocks count as nothing.
    private static long TextLength(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String) return content.GetString()!.Length;
        if (content.ValueKind != JsonValueKind.Array) return 0;
        long total = 0;
        foreach (var block in content.EnumerateArray())
        {
            if (block.ValueKind == JsonValueKind.Object && block.TryGetProperty("text"u8, out var text) && text.ValueKind == JsonValueKind.String)
                total += text.GetString()!.Length;
        }
        return total;
    }
}
