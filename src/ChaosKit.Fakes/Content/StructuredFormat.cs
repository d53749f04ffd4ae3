using System.Text.Json;

namespace ChaosKit.Fakes.Content;

/// <summary>A structured output a request asks for: JSON fitting <see cref="Schema"/>, or any JSON object when it is null.</summary>
/// <param name="Schema">The JSON Schema as JSON text; <see langword="null"/> for JSON mode without a schema.</param>
internal sealed record StructuredFormat(string? Schema)
{
    /// <summary>JSON mode without a schema (<c>json_object</c>, or Gemini's JSON mime type alone).</summary>
    public static StructuredFormat AnyObject { get; } = new((string?)null);

    /// <summary>
    /// Reads a format object as Chat Completions' <c>response_format</c>, the Responses API's <c>text.format</c> and
    /// Anthropic's <c>output_config.format</c> send it: <c>{"type":"json_schema","json_schema":{"schema":…}}</c> (Chat),
    /// <c>{"type":"json_schema","schema":…}</c> (Responses, Anthropic), or <c>{"type":"json_object"}</c>; null for <c>text</c>.
    /// </summary>
    public static StructuredFormat? Of(ReadOnlySpan<byte> formatJson)
    {
        try
        {
            using var document = JsonDocument.Parse(formatJson.ToArray());
            return Of(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <inheritdoc cref="Of(ReadOnlySpan{byte})"/>
    public static StructuredFormat? Of(JsonElement format)
    {
        if (format.ValueKind != JsonValueKind.Object || !format.TryGetProperty("type"u8, out var type) || type.ValueKind != JsonValueKind.String)
            return null;
        if (type.ValueEquals("json_object"u8)) return AnyObject;
        if (!type.ValueEquals("json_schema"u8)) return null;
        var holder = format.TryGetProperty("json_schema"u8, out var chat) && chat.ValueKind == JsonValueKind.Object ? chat : format;
        return holder.TryGetProperty("schema"u8, out var schema) && schema.ValueKind == JsonValueKind.Object
            ? new StructuredFormat(schema.GetRawText())
            : AnyObject;
    }
}
