using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Bogus;

namespace ChaosKit.Fakes.Content;

/// <summary>
/// Writes a JSON value that fits a JSON Schema (the subset tool definitions and structured outputs use: <c>type</c>,
/// <c>properties</c>, <c>required</c>, <c>items</c>, <c>enum</c>, <c>const</c>, <c>minimum</c>/<c>maximum</c>,
/// <c>anyOf</c>/<c>oneOf</c>, <c>$ref</c> into <c>$defs</c>/<c>definitions</c>, string <c>format</c>s and lengths),
/// seeded, so a forced tool call gets arguments its handler can parse and a structured answer deserialises.
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
            Value(json, schema, schema, new Randomizer(seed), 0);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Value(Utf8JsonWriter json, JsonElement root, JsonElement schema, Randomizer random, int depth)
    {
        // A shared or recursive type: follow the reference (depth bounds a recursion).
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref"u8, out var reference)
            && reference.ValueKind == JsonValueKind.String && Resolve(root, reference.GetString()!) is { } target && depth <= MaxDepth)
        {
            Value(json, root, target, random, depth + 1);
            return;
        }
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
                // The first option that is not just null: a nullable property still gets a value to check.
                var chosen = options.EnumerateArray().FirstOrDefault(o => !(o.ValueKind == JsonValueKind.Object && TypeOf(o) == "null"));
                Value(json, root, chosen.ValueKind == JsonValueKind.Undefined ? options[0] : chosen, random, depth + 1);
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
                        Value(json, root, property.Value, random, depth + 1);
                    }
                }
                json.WriteEndObject();
                break;
            case "array":
                json.WriteStartArray();
                var items = schema.TryGetProperty("items"u8, out var itemSchema) ? itemSchema : default;
                var count = Math.Max(1, Bound(schema, "minItems", 1));
                for (var i = 0; i < count; i++) Value(json, root, items, random, depth + 1);
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
                json.WriteStringValue(Text(schema, random));
                break;
        }
    }

    // A string in the schema's format when it names one clients parse (a .NET DateTime or Guid property, a zod
    // .email()), else a lorem word, padded or cut to the schema's length bounds.
    private static string Text(JsonElement schema, Randomizer random)
    {
        var format = schema.TryGetProperty("format"u8, out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        // Drawn only for the formats that use it: a plain string draws exactly what it drew before formats were read.
        DateTimeOffset Instant() => new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(random.Number(0, 365 * 24 * 3600));
        var text = format switch
        {
            "date-time" => Instant().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            "date" => Instant().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "time" => Instant().ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            "duration" => $"PT{random.Number(1, 59)}M",
            "uuid" => random.Uuid().ToString(),
            "email" => $"{new Bogus.DataSets.Lorem("en") { Random = random }.Word()}@example.com",
            "uri" or "url" => $"https://example.com/{new Bogus.DataSets.Lorem("en") { Random = random }.Word()}",
            "hostname" => "example.com",
            "ipv4" => $"192.0.2.{random.Number(1, 254)}",
            "ipv6" => $"2001:db8::{random.Number(1, 0xffff):x}",
            _ => new Bogus.DataSets.Lorem("en") { Random = random }.Word(),
        };
        if (format is not null) return text;
        var min = Bound(schema, "minLength", 0);
        var max = Bound(schema, "maxLength", int.MaxValue);
        if (text.Length < min) text = text.PadRight(min, 'x');
        return text.Length > max ? text[..Math.Max(0, max)] : text;
    }

    // "#" is the root; "#/$defs/Name" and the like walk down from it (with JSON Pointer's ~0 and ~1 escapes).
    private static JsonElement? Resolve(JsonElement root, string reference)
    {
        if (!reference.StartsWith('#')) return null;
        var node = root;
        foreach (var segment in reference[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = Uri.UnescapeDataString(segment).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (node.ValueKind == JsonValueKind.Object && node.TryGetProperty(name, out var child)) node = child;
            else if (node.ValueKind == JsonValueKind.Array && int.TryParse(name, CultureInfo.InvariantCulture, out var index) && index >= 0 && index < node.GetArrayLength()) node = node[index];
            else return null;
        }
        return node;
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
