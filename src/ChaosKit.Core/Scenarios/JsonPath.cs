using System.Globalization;
using System.Text.Json;

namespace ChaosKit.Core.Scenarios;

/// <summary>
/// The small JSON path subset captures and checks use: <c>$</c>, then <c>.name</c>, <c>['name']</c> and <c>[index]</c>
/// segments, e.g. <c>$.id</c>, <c>$.choices[0].message.content</c>. No wildcards or filters: each path names one value.
/// </summary>
public sealed class JsonPath
{
    private readonly object[] _segments; // string = property, int = array index

    private JsonPath(string text, object[] segments)
    {
        Text = text;
        _segments = segments;
    }

    /// <summary>The path as written.</summary>
    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="problem"/> says what is wrong, in a phrase.</summary>
    public static bool TryParse(string text, out JsonPath? path, out string? problem)
    {
        path = null;
        problem = null;
        if (string.IsNullOrEmpty(text) || text[0] != '$')
        {
            problem = $"'{text}' is not a JSON path; start it with '$', e.g. $.id";
            return false;
        }
        var segments = new List<object>();
        var i = 1;
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                var start = ++i;
                while (i < text.Length && text[i] != '.' && text[i] != '[') i++;
                if (i == start) { problem = $"'{text}' has an empty name after '.' at position {start}"; return false; }
                segments.Add(text[start..i]);
            }
            else if (text[i] == '[')
            {
                var close = text.IndexOf(']', i);
                if (close < 0) { problem = $"'{text}' opens '[' without closing it"; return false; }
                var inner = text[(i + 1)..close].Trim();
                if (inner.Length >= 2 && (inner[0] == '\'' || inner[0] == '"') && inner[^1] == inner[0])
                    segments.Add(inner[1..^1]);
                else if (int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    segments.Add(index);
                else { problem = $"'{text}' has '[{inner}]'; use an index such as [0] or a quoted name such as ['id']"; return false; }
                i = close + 1;
            }
            else
            {
                problem = $"'{text}' has '{text[i]}' at position {i}; use .name, ['name'] or [index] after '$'";
                return false;
            }
        }
        path = new JsonPath(text, [.. segments]);
        return true;
    }

    /// <summary>Parses <paramref name="text"/>, throwing <see cref="FormatException"/> when it is not a path.</summary>
    public static JsonPath Parse(string text) =>
        TryParse(text, out var path, out var problem) ? path! : throw new FormatException(problem);

    /// <summary>Finds the value at this path under <paramref name="root"/>.</summary>
    public bool TryFind(JsonElement root, out JsonElement value)
    {
        value = root;
        foreach (var segment in _segments)
        {
            if (segment is string name)
            {
                if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out value)) return false;
            }
            else
            {
                var index = (int)segment;
                if (value.ValueKind != JsonValueKind.Array || index >= value.GetArrayLength()) return false;
                value = value[index];
            }
        }
        return true;
    }

    /// <summary>A found value as text: strings as they are, anything else as its raw JSON.</summary>
    public static string AsText(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();
}
