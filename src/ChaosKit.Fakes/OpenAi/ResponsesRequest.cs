using System.Text.Json;

namespace ChaosKit.Fakes.OpenAi;

/// <summary>The parts of a <c>POST /v1/responses</c> body the fake needs and echoes (PROVIDERS.md §1.3).</summary>
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
    /// <summary>Reads <paramref name="root"/>; returns the 400 to send when it is not acceptable.</summary>
    public static OpenAiError? Read(JsonElement root, out ResponsesRequest? request)
    {
        request = null;
        if (root.ValueKind != JsonValueKind.Object)
            return new OpenAiError("Invalid type for request body: expected an object.", OpenAiError.InvalidRequest, null, "invalid_type");
        if (OpenAiFields.Model(root, out var model) is { } modelError) return modelError;
        if (!root.TryGetProperty("input", out var input)) return OpenAiFields.Missing("input");
        if (input.ValueKind is not (JsonValueKind.String or JsonValueKind.Array)) return OpenAiFields.InvalidType("input", "a string or an array");
        if (OpenAiFields.OptionalInt(root, "max_output_tokens", out var maxOutput) is { } e1) return e1;
        if (maxOutput is < 16)
            return new OpenAiError($"Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got {maxOutput} instead.",
                OpenAiError.InvalidRequest, "max_output_tokens", "integer_below_min_value");
        if (OpenAiFields.OptionalBool(root, "stream", out var stream) is { } e2) return e2;
        string? instructions = root.TryGetProperty("instructions", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
        var chars = OpenAiFields.TextLength(input) + (instructions?.Length ?? 0);
        request = new ResponsesRequest(model, maxOutput, stream, chars, instructions, Number(root, "temperature"), Number(root, "top_p"));
        return null;
    }

    private static double Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : 1.0;
}
