using System.Text.Json;
using ChaosKit.Fakes.Content;
using ChaosKit.Fakes.OpenAi;

namespace ChaosKit.Fakes.Gemini;

/// <summary>The parts of a <c>generateContent</c> body the fake needs (docs/providers.md#gemini-requests).</summary>
/// <param name="MaxOutputTokens"><c>generationConfig.maxOutputTokens</c>, else no limit.</param>
/// <param name="PromptChars">Characters of text in <c>contents</c> and <c>systemInstruction</c>.</param>
/// <param name="StopSequences"><c>generationConfig.stopSequences</c>.</param>
internal sealed record GenerateRequest(int MaxOutputTokens, long PromptChars, IReadOnlyList<string> StopSequences)
{
    /// <summary>
    /// The function <c>toolConfig.functionCallingConfig.mode: ANY</c> forces: the first declared function (among
    /// <c>allowedFunctionNames</c> when given), its name and <c>parameters</c> (or <c>parametersJsonSchema</c>) as JSON;
    /// with <c>tool_calls: auto</c> also the first function under mode <c>AUTO</c> or none.
    /// </summary>
    public (string Name, string Schema)? ForcedTool { get; init; }

    /// <summary>
    /// JSON mode: <c>generationConfig.responseMimeType: application/json</c>, with the schema of
    /// <c>responseJsonSchema</c> or <c>responseSchema</c> when one is given; <see langword="null"/> for text.
    /// </summary>
    public StructuredFormat? Format { get; init; }

    /// <summary><c>thinkingConfig.thinkingBudget</c>: -1 dynamic, 0 off; <see langword="null"/> when not set.</summary>
    public int? ThinkingBudget { get; init; }

    /// <summary><c>thinkingConfig.thinkingLevel</c> (<c>low</c>, <c>high</c>, ...), for the models that take a level.</summary>
    public string? ThinkingLevel { get; init; }

    /// <summary><c>thinkingConfig.includeThoughts</c>: the answer starts with a thought summary.</summary>
    public bool IncludeThoughts { get; init; }

    /// <summary>Reads <paramref name="root"/>; returns the 400 message when it is not acceptable.</summary>
    /// <remarks>
    /// The API reads proto JSON, which takes every field in lowerCamelCase or in snake_case, so both are read.
    /// <c>countTokens</c> takes the <c>contents</c> or a whole <c>generateContentRequest</c> (which older SDKs send,
    /// with the system instruction and tools in it); the tokens of either are counted.
    /// </remarks>
    /// <param name="root">The request body.</param>
    /// <param name="countOnly">For <c>countTokens</c>.</param>
    /// <param name="request">The request, when acceptable.</param>
    /// <param name="autoToolCalls">Call a function when the request leaves the choice to the model (<c>tool_calls: auto</c>).</param>
    public static string? Read(JsonElement root, bool countOnly, out GenerateRequest? request, bool autoToolCalls = false)
    {
        request = null;
        if (root.ValueKind != JsonValueKind.Object) return "Invalid JSON payload received. Expected an object.";
        if (countOnly && !root.TryGetProperty("contents"u8, out _)
            && TryGet(root, "generateContentRequest", "generate_content_request", out var wrapped) && wrapped.ValueKind == JsonValueKind.Object)
            root = wrapped;
        if (!root.TryGetProperty("contents"u8, out var contents) || contents.ValueKind != JsonValueKind.Array || contents.GetArrayLength() == 0)
            return "* GenerateContentRequest.contents: contents is not specified\n";
        var chars = OpenAiFields.TextLength(contents);
        if (TryGet(root, "systemInstruction", "system_instruction", out var system)) chars += OpenAiFields.TextLength(system);
        var max = int.MaxValue;
        IReadOnlyList<string> stops = [];
        StructuredFormat? format = null;
        int? budget = null;
        string? level = null;
        var includeThoughts = false;
        if (TryGet(root, "generationConfig", "generation_config", out var config) && config.ValueKind == JsonValueKind.Object)
        {
            if (TryGet(config, "maxOutputTokens", "max_output_tokens", out var m))
            {
                if (m.ValueKind != JsonValueKind.Number || !m.TryGetInt32(out max) || max < 1)
                    return $"Invalid value at 'generation_config.max_output_tokens' (TYPE_INT32), {m.GetRawText()}";
            }
            stops = OpenAiFields.StopSequences(config, config.TryGetProperty("stopSequences"u8, out _) ? "stopSequences" : "stop_sequences");
            format = FormatOf(config);
            if (TryGet(config, "thinkingConfig", "thinking_config", out var thinking) && thinking.ValueKind == JsonValueKind.Object)
            {
                if (TryGet(thinking, "thinkingBudget", "thinking_budget", out var b))
                {
                    if (b.ValueKind != JsonValueKind.Number || !b.TryGetInt32(out var value))
                        return $"Invalid value at 'generation_config.thinking_config.thinking_budget' (TYPE_INT32), {b.GetRawText()}";
                    budget = value;
                }
                if (TryGet(thinking, "thinkingLevel", "thinking_level", out var l) && l.ValueKind == JsonValueKind.String)
                    level = l.GetString()!.ToLowerInvariant();
                includeThoughts = TryGet(thinking, "includeThoughts", "include_thoughts", out var include) && include.ValueKind == JsonValueKind.True;
            }
        }
        request = new GenerateRequest(max, chars, stops)
        {
            ForcedTool = ForcedToolOf(root, autoToolCalls && !EndsWithFunctionResponse(contents)), Format = format, ThinkingBudget = budget, ThinkingLevel = level, IncludeThoughts = includeThoughts,
        };
        return null;
    }

    // A declaration's schema: the OpenAPI subset, or plain JSON Schema (newer field, both spellings).
    private static readonly string[] SchemaFields = ["parameters", "parametersJsonSchema", "parameters_json_schema"];

    private static StructuredFormat? FormatOf(JsonElement config)
    {
        if (!TryGet(config, "responseMimeType", "response_mime_type", out var mime) || mime.ValueKind != JsonValueKind.String
            || !mime.ValueEquals("application/json"u8))
            return null;
        foreach (var (camel, snake) in ResponseSchemaFields)
        {
            if (TryGet(config, camel, snake, out var schema) && schema.ValueKind == JsonValueKind.Object) return new StructuredFormat(schema.GetRawText());
        }
        return StructuredFormat.AnyObject;
    }

    // Plain JSON Schema (newer) first, then the OpenAPI subset; SchemaSample reads both.
    private static readonly (string Camel, string Snake)[] ResponseSchemaFields =
        [("responseJsonSchema", "response_json_schema"), ("responseSchema", "response_schema")];

    // Whether the last content carries a function response: the model then answers it.
    private static bool EndsWithFunctionResponse(JsonElement contents)
    {
        var last = contents[contents.GetArrayLength() - 1];
        if (last.ValueKind != JsonValueKind.Object || !last.TryGetProperty("parts"u8, out var parts) || parts.ValueKind != JsonValueKind.Array) return false;
        foreach (var part in parts.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.Object && TryGet(part, "functionResponse", "function_response", out _)) return true;
        }
        return false;
    }

    // The API takes camelCase and snake_case field names alike (proto JSON), so both are read.
    // Mode ANY forces a call (to one of allowedFunctionNames, if given); with mode AUTO or none, tool_calls: auto and the
    // contents not ending in a function response, the model calls the first declaration.
    private static (string Name, string Schema)? ForcedToolOf(JsonElement root, bool modelMayCall)
    {
        var hasConfig = TryGet(root, "toolConfig", "tool_config", out var toolConfig)
            & TryGet(toolConfig, "functionCallingConfig", "function_calling_config", out var config);
        var mode = hasConfig && config.TryGetProperty("mode"u8, out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : "AUTO";
        if (mode == "AUTO" ? !modelMayCall : mode != "ANY") return null;
        HashSet<string>? allowed = null;
        if (mode == "ANY" && TryGet(config, "allowedFunctionNames", "allowed_function_names", out var names) && names.ValueKind == JsonValueKind.Array)
            allowed = names.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!).ToHashSet(StringComparer.Ordinal);
        if (allowed is { Count: 0 }) allowed = null;
        if (!root.TryGetProperty("tools"u8, out var tools) || tools.ValueKind != JsonValueKind.Array) return null;
        foreach (var tool in tools.EnumerateArray())
        {
            if (!TryGet(tool, "functionDeclarations", "function_declarations", out var declarations) || declarations.ValueKind != JsonValueKind.Array)
                continue;
            foreach (var declaration in declarations.EnumerateArray())
            {
                if (declaration.ValueKind != JsonValueKind.Object || !declaration.TryGetProperty("name"u8, out var name)
                    || name.ValueKind != JsonValueKind.String || (allowed is not null && !allowed.Contains(name.GetString()!)))
                    continue;
                var schema = "{\"type\":\"object\"}";
                foreach (var field in SchemaFields)
                {
                    if (declaration.TryGetProperty(field, out var p) && p.ValueKind == JsonValueKind.Object)
                    {
                        schema = p.GetRawText();
                        break;
                    }
                }
                return (name.GetString()!, schema);
            }
        }
        return null;
    }

    private static bool TryGet(JsonElement element, string name, string alternative, out JsonElement value)
    {
        value = default;
        return element.ValueKind == JsonValueKind.Object && (element.TryGetProperty(name, out value) || element.TryGetProperty(alternative, out value));
    }
}
