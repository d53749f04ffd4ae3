using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace ChaosKit.Fakes.OpenAi;

/// <summary>Field readers shared by the OpenAI request types, with the real API's wording for each refusal.</summary>
internal static class OpenAiFields
{
    /// <summary>The 400 for a missing required field.</summary>
    public static OpenAiError Missing(string name) =>
        new($"Missing required parameter: '{name}'.", OpenAiError.InvalidRequest, name, "missing_required_parameter");

    /// <summary>The 400 for a field of the wrong type.</summary>
    public static OpenAiError InvalidType(string name, string expected) =>
        new($"Invalid type for '{name}': expected {expected}.", OpenAiError.InvalidRequest, name, "invalid_type");

    /// <summary>Reads the required <c>model</c>.</summary>
    public static OpenAiError? Model(JsonElement root, out string model)
    {
        model = "";
        if (!root.TryGetProperty("model"u8, out var value) || value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } name)
            return MissingModel();
        model = name;
        return null;
    }

    /// <summary>Reads an optional positive integer.</summary>
    public static OpenAiError? OptionalInt(JsonElement root, string name, out int? value)
    {
        value = null;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null) return null;
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var number)) return InvalidType(name, "an integer");
        if (number < 1) return BelowMinimum(name, number);
        value = number;
        return null;
    }

    /// <summary>The 400 for an integer below <paramref name="minimum"/>.</summary>
    public static OpenAiError BelowMinimum(string name, int number, int minimum = 1) =>
        new($"Invalid '{name}': integer below minimum value. Expected a value >= {minimum}, but got {number} instead.",
            OpenAiError.InvalidRequest, name, "integer_below_min_value");

    /// <summary>The 400 for a <c>top_logprobs</c> outside 0-<see cref="Content.TokenLogprobs.MaxTop"/>, or <see langword="null"/>.</summary>
    public static OpenAiError? TopLogprobsRange(int top) =>
        top < 0 ? BelowMinimum("top_logprobs", top, minimum: 0)
        : top > Content.TokenLogprobs.MaxTop ? AboveMaximum("top_logprobs", top, Content.TokenLogprobs.MaxTop)
        : null;

    /// <summary>The 400 for an integer above <paramref name="maximum"/>.</summary>
    public static OpenAiError AboveMaximum(string name, int number, int maximum) =>
        new($"Invalid '{name}': integer above maximum value. Expected a value <= {maximum}, but got {number} instead.",
            OpenAiError.InvalidRequest, name, "integer_above_max_value");

    /// <summary>The 400 for a missing, empty or non-string <c>model</c>.</summary>
    public static OpenAiError MissingModel() => new("you must provide a model parameter", OpenAiError.InvalidRequest, null, null);

    /// <summary>Reads an optional boolean (absent is false).</summary>
    public static OpenAiError? OptionalBool(JsonElement root, string name, out bool value)
    {
        value = false;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null) return null;
        if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) return InvalidType(name, "a boolean");
        value = element.GetBoolean();
        return null;
    }

    /// <summary>Stop sequences: a string or a list of strings.</summary>
    public static IReadOnlyList<string> StopSequences(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var stop)) return [];
        if (stop.ValueKind == JsonValueKind.String) return [stop.GetString()!];
        if (stop.ValueKind != JsonValueKind.Array) return [];
        return [.. stop.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString()!)];
    }

    /// <summary>Characters of text in a string, or in the <c>text</c> fields of content parts (recursively; also Gemini's <c>parts</c>).</summary>
    public static long TextLength(JsonElement content)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                return StringLength(content);
            case JsonValueKind.Array:
                long total = 0;
                foreach (var part in content.EnumerateArray()) total += TextLength(part);
                return total;
            case JsonValueKind.Object:
                long inObject = 0;
                if (content.TryGetProperty("text"u8, out var text) && text.ValueKind == JsonValueKind.String) inObject += StringLength(text);
                if (content.TryGetProperty("content"u8, out var inner)) inObject += TextLength(inner);
                if (content.TryGetProperty("parts"u8, out var parts)) inObject += TextLength(parts); // Gemini
                return inObject;
            default:
                return 0;
        }
    }

    // The string's length in UTF-16 characters, counted from its raw UTF-8 when it has no escapes: the prompt is
    // measured on every call, and reading it as a string would allocate a copy only to take its length.
    private static int StringLength(JsonElement text)
    {
        var raw = JsonMarshal.GetRawUtf8Value(text);
        var inner = raw[1..^1];
        return inner.Contains((byte)'\\') ? text.GetString()!.Length : Encoding.UTF8.GetCharCount(inner);
    }
}
