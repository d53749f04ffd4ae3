using System.Collections;
using System.Globalization;
using System.Text.Json;
using ChaosKit.Core.Scenarios;

namespace ChaosKit.Load.Requests;

/// <summary>
/// A request body template compiled once: literal parts are kept as they are, string leaves holding
/// <c>{{dataset.method}}</c> expressions are filled by the renderer on every render (Bogus data, workflow variables, captures).
/// </summary>
internal abstract class TemplateNode
{
    /// <summary>Writes this node's JSON for one iteration; <paramref name="fill"/> renders each templated string leaf (none: as written).</summary>
    public abstract void Write(Utf8JsonWriter writer, Func<string, string>? fill);

    /// <summary>
    /// Compiles a tree of maps, lists and leaves. Strings stay JSON strings; booleans and numbers that a loader
    /// already typed stay booleans and numbers; anything else is rejected with the field's path.
    /// </summary>
    /// <param name="value">The template value.</param>
    /// <param name="path">Dotted field path for error messages, e.g. <c>load.request.json.messages[0].content</c>.</param>
    /// <param name="location">Where the request was declared.</param>
    /// <param name="expressions">Receives every string leaf that holds an expression, with its path.</param>
    public static TemplateNode Compile(object? value, string path, SourceLocation location, List<TemplateExpression> expressions)
    {
        switch (value)
        {
            case null:
                return JsonNullNode.Instance;
            case string text:
                if (!TemplateExpression.HasExpression(text)) return new JsonStringNode(text);
                expressions.Add(new TemplateExpression(path, text));
                return new JsonExpressionNode(text);
            case bool flag:
                return new JsonBoolNode(flag);
            case sbyte or byte or short or ushort or int or uint or long:
                return new JsonNumberNode(Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
            case ulong big:
                return new JsonNumberNode(big.ToString(CultureInfo.InvariantCulture));
            case float or double:
                var real = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (!double.IsFinite(real)) throw new ScenarioException(location, path, $"{real} is not a JSON number; quote it to send it as a string.");
                return new JsonNumberNode(real.ToString("R", CultureInfo.InvariantCulture));
            case decimal money:
                return new JsonNumberNode(money.ToString(CultureInfo.InvariantCulture));
            case IReadOnlyDictionary<string, object?> map:
                return new JsonObjectNode([.. map.Select(pair => KeyValuePair.Create(pair.Key, Compile(pair.Value, $"{path}.{pair.Key}", location, expressions)))]);
            case IDictionary loose:
                var members = new List<KeyValuePair<string, TemplateNode>>(loose.Count);
                foreach (DictionaryEntry entry in loose)
                {
                    var key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "";
                    members.Add(KeyValuePair.Create(key, Compile(entry.Value, $"{path}.{key}", location, expressions)));
                }
                return new JsonObjectNode(members);
            case IEnumerable items:
                var elements = new List<TemplateNode>();
                foreach (var item in items) elements.Add(Compile(item, $"{path}[{elements.Count}]", location, expressions));
                return new JsonArrayNode(elements);
            default:
                throw new ScenarioException(location, path,
                    $"a {value.GetType().Name} cannot be sent as JSON; use a map, a list or a string.");
        }
    }
}

/// <summary>A string leaf that holds at least one Bogus expression, with where it sits.</summary>
/// <param name="Path">Dotted field path.</param>
/// <param name="Text">The whole string, e.g. <c>Hello {{name.firstName}}</c>.</param>
internal sealed record TemplateExpression(string Path, string Text)
{
    /// <summary>True when <paramref name="text"/> asks Bogus for data.</summary>
    public static bool HasExpression(string text) => text.Contains("{{", StringComparison.Ordinal);
}

internal sealed class JsonNullNode : TemplateNode
{
    public static readonly JsonNullNode Instance = new();

    public override void Write(Utf8JsonWriter writer, Func<string, string>? fill) => writer.WriteNullValue();
}

internal sealed class JsonStringNode(string value) : TemplateNode
{
    public override void Write(Utf8JsonWriter writer, Func<string, string>? fill) => writer.WriteStringValue(value);
}

internal sealed class JsonExpressionNode(string template) : TemplateNode
{
    public override void Write(Utf8JsonWriter writer, Func<string, string>? fill) =>
        writer.WriteStringValue(fill is null ? template : fill(template));
}

internal sealed class JsonBoolNode(bool value) : TemplateNode
{
    public override void Write(Utf8JsonWriter writer, Func<string, string>? fill) => writer.WriteBooleanValue(value);
}

internal sealed class JsonNumberNode(string invariantText) : TemplateNode
{
    public override void Write(Utf8JsonWriter writer, Func<string, string>? fill) => writer.WriteRawValue(invariantText, skipInputValidation: true);
}

internal sealed class JsonObjectNode(IReadOnlyList<KeyValuePair<string, TemplateNode>> members) : TemplateNode
{
    public override void Write(Utf8JsonWriter writer, Func<string, string>? fill)
    {
        writer.WriteStartObject();
        foreach (var (name, node) in members)
        {
            writer.WritePropertyName(name);
            node.Write(writer, fill);
        }
        writer.WriteEndObject();
    }
}

internal sealed class JsonArrayNode(IReadOnlyList<TemplateNode> elements) : TemplateNode
{
    public override void Write(Utf8JsonWriter writer, Func<string, string>? fill)
    {
        writer.WriteStartArray();
        foreach (var node in elements) node.Write(writer, fill);
        writer.WriteEndArray();
    }
}
