using System.Buffers;
using System.Text;
using System.Text.Json;
using Bogus;

namespace ChaosKit.Fakes.Content;

/// <summary>
/// Writes a JSON value that fits a JSON Schema (the subset tool definitions use: <c>type</c>, <c>properties</c>,
/// <c>required</c>, <c>items</c>, <c>enum</c>, <c>const</c>, <c>minimum</c>/<c>maximum</c>, <c>anyOf</c>/<c>oneOf</c>),
/// seeded, so a forced tool call gets arguments its handler can parse.
/// </summary>
internal static class SchemaSample
{
    private const int MaxDepth = 8;

    /// <summary>A compact JSON text fitting the schema in <paramref name="schemaJson"/>.</summary>
    public static string Write(string schemaJson, int seed)
    {
        using var schema = JsonDocument.Parse(schemaJson);
        return Write(schema.RootElement, seed);
    }

    /// <summary>A compact JSON text fitting <paramref name="schema"/>.</summary>
    public static string Write(JsonElement schema, int seed)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            Value(json, schema, new Randomizer(seed), 0);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Value(Utf8JsonWriter json, JsonElement schema, Randomizer random, int depth)
    {
        if (schema.ValueKind != JsonValueKind.Object || depth > MaxDepth)
        {
            json.WriteStartObject();
            json.WriteEndObject();
            return;
        }
        if (schema.TryGetProperty("const"u8, out var constant))
        {
            constant.WriteTo(json);
            return;
        }
        if (schema.TryGetProperty("enum"u8, out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0)
        {
            choices[random.Number(0, choices.GetArrayLength() - 1)].WriteTo(json);
            return;
        }
        foreach (var combinator in new[] { "anyOf", "oneOf", "allOf" })
        {
            if (schema.TryGetProperty(combinator, out var options) && options.ValueKind == JsonValueKind.Array && options.GetArrayLength() > 0)
            {
                Value(json, options[0], random, depth + 1);
                return;
            }
        }
        switch (TypeOf(schema))
        {
            case "object":
                json.WriteStartObject();
                if (schema.TryGetProperty("properties"u8, out var properties) && properties.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in properties.EnumerateObject())
                    {
                        json.WritePropertyName(property.Name);
                        Value(json, property.Value, random, depth + 1);
                    }
                }
                json.WriteEndObject();
                break;
            case "array":
                json.WriteStartArray();
                var items = schema.TryGetProperty("items"u8, out var itemSchema) ? itemSchema : default;
                var count = Math.Max(1, Bound(schema, "minItems", 1));
                for (var i = 0; i < count; i++) Value(json, items, random, depth + 1);
                json.WriteEndArray();
                break;
            case "integer":
                json.WriteNumberValue(random.Number(Bound(schema, "minimum", 1), Math.Max(Bound(schema, "minimum", 1), Bound(schema, "maximum", 100))));
                break;
            case "number":
                json.WriteNumberValue(Math.Round(random.Double(Bound(schema, "minimum", 0), Math.Max(Bound(schema, "minimum", 0), Bound(schema, "maximum", 100))), 2));
                break;
            case "boolean":
                json.WriteBooleanValue(random.Bool());
                break;
            case "null":
                json.WriteNullValue();
                break;
            default:
                json.WriteStringValue(new Bogus.DataSets.Lorem("en") { Random = random }.Word());
                break;
        }
    }

    // "type" may be a string or a list such as ["string","null"]; the first non-null type wins. Gemini's OpenAPI
    // subset spells types in capitals (OBJECT, STRING, ...).
    private static string TypeOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type"u8, out var type)) return schema.TryGetProperty("properties"u8, out _) ? "object" : "string";
        if (type.ValueKind == JsonValueKind.String) return type.GetString()!.ToLowerInvariant();
        if (type.ValueKind == JsonValueKind.Array)
            return type.EnumerateArray().Select(t => t.GetString()?.ToLowerInvariant()).FirstOrDefault(t => t is not null and not "null") ?? "null";
        return "string";
    }

    private static int Bound(JsonElement schema, string name, int fallback) =>
        schema.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : fallback;
}
