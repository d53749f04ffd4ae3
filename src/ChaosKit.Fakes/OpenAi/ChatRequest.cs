using System.Text.Json;

namespace ChaosKit.Fakes.OpenAi;

/// <summary>
/// The parts of a <c>POST /v1/chat/completions</c> body the fake needs, checked as the real API checks them; a
/// refusal comes back as the <see cref="OpenAiError"/> to send with a 400.
/// </summary>
/// <param name="Model">Requested model.</param>
/// <param name="MaxTokens"><c>max_completion_tokens</c>, else the legacy <c>max_tokens</c>, else no limit.</param>
/// <param name="Stream">Whether an SSE stream was asked for.</param>
/// <param name="IncludeUsage"><c>stream_options.include_usage</c>.</param>
/// <param name="PromptChars">Characters of message text, for the prompt token estimate.</param>
/// <param name="Stop">Stop sequences.</param>
internal sealed record ChatRequest(
    string Model, int MaxTokens, bool Stream, bool IncludeUsage, long PromptChars, IReadOnlyList<string> Stop)
{
    /// <summary>The tool <c>tool_choice</c> forces (a named function, or the first for <c>required</c>): its name and <c>parameters</c> schema as JSON.</summary>
    public (string Name, string Schema)? ForcedTool { get; init; }

    /// <summary>Reads <paramref name="root"/>; returns the 400 to send when it is not acceptable.</summary>
    public static OpenAiError? Read(JsonElement root, out ChatRequest? request)
    {
        request = null;
        if (root.ValueKind != JsonValueKind.Object)
            return new OpenAiError("Invalid type for request body: expected an object.", OpenAiError.InvalidRequest, null, "invalid_type");
        if (OpenAiFields.Model(root, out var model) is { } modelError) return modelError;
        if (!root.TryGetProperty("messages"u8, out var messages))
            return OpenAiFields.Missing("messages");
        if (messages.ValueKind != JsonValueKind.Array)
            return OpenAiFields.InvalidType("messages", "an array");
        if (messages.GetArrayLength() == 0)
            return new OpenAiError("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
                OpenAiError.InvalidRequest, "messages", "empty_array");

        long promptChars = 0;
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("role"u8, out var role) || role.ValueKind != JsonValueKind.String)
                return OpenAiFields.Missing($"messages[{index}].role");
            if (message.TryGetProperty("content"u8, out var content)) promptChars += OpenAiFields.TextLength(content);
            index++;
        }

        if (OpenAiFields.OptionalInt(root, "max_completion_tokens", out var maxCompletion) is { } e1) return e1;
        if (OpenAiFields.OptionalInt(root, "max_tokens", out var legacyMax) is { } e2) return e2;
        if (OpenAiFields.OptionalBool(root, "stream", out var stream) is { } e3) return e3;
        var includeUsage = root.TryGetProperty("stream_options"u8, out var options) && options.ValueKind == JsonValueKind.Object
            && options.TryGetProperty("include_usage"u8, out var usage) && usage.ValueKind == JsonValueKind.True;
        if (includeUsage && !stream)
            return new OpenAiError("The 'stream_options' parameter is only allowed when 'stream' is enabled.",
                OpenAiError.InvalidRequest, "stream_options", null);

        request = new ChatRequest(model, maxCompletion ?? legacyMax ?? int.MaxValue, stream, includeUsage, promptChars,
            OpenAiFields.StopSequences(root, "stop")) { ForcedTool = ForcedToolOf(root) };
        return null;
    }

    private static (string Name, string Schema)? ForcedToolOf(JsonElement root)
    {
        if (!root.TryGetProperty("tools"u8, out var tools) || tools.ValueKind != JsonValueKind.Array) return null;
        if (!root.TryGetProperty("tool_choice"u8, out var choice)) return null;
        string? wanted = null;
        if (choice.ValueKind == JsonValueKind.Object && choice.TryGetProperty("function"u8, out var f) && f.TryGetProperty("name"u8, out var n))
            wanted = n.GetString();
        else if (!(choice.ValueKind == JsonValueKind.String && choice.GetString() == "required"))
            return null;
        foreach (var tool in tools.EnumerateArray())
        {
            if (!tool.TryGetProperty("function"u8, out var function) || !function.TryGetProperty("name"u8, out var name) || name.ValueKind != JsonValueKind.String)
                continue;
            if (wanted is not null && name.GetString() != wanted) continue;
            var schema = function.TryGetProperty("parameters"u8, out var p) ? p.GetRawText() : "{\"type\":\"object\"}";
            return (name.GetString()!, schema);
        }
        return null;
    }
}
