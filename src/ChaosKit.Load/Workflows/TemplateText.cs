using System.Text;
using System.Text.RegularExpressions;
using Bogus;
using ChaosKit.Load.Requests;

namespace ChaosKit.Load.Workflows;

/// <summary>
/// A workflow template string compiled once: literal text, <c>{{name}}</c> references to the iteration's variables
/// and captures, and <c>{{dataset.method}}</c> Bogus expressions, filled in order on every render.
/// </summary>
internal sealed partial class TemplateText
{
    private readonly Part[] _parts;

    private TemplateText(string text, Part[] parts)
    {
        Text = text;
        _parts = parts;
    }

    /// <summary>The template as written.</summary>
    public string Text { get; }

    /// <summary>True when rendering changes nothing (no references, no expressions).</summary>
    public bool IsLiteral => _parts.Length == 0 || (_parts.Length == 1 && _parts[0].Kind == PartKind.Literal);

    /// <summary>Compiles <paramref name="text"/>; its Bogus expressions are added to <paramref name="bogus"/> for validation.</summary>
    public static TemplateText Compile(string text, string field, List<TemplateExpression> bogus)
    {
        var parts = new List<Part>();
        var last = 0;
        foreach (Match match in Token().Matches(text))
        {
            if (match.Index > last) parts.Add(new Part(PartKind.Literal, text[last..match.Index]));
            var inner = match.Groups[1].Value.Trim();
            if (Name().IsMatch(inner))
            {
                parts.Add(new Part(PartKind.Reference, inner));
            }
            else
            {
                parts.Add(new Part(PartKind.Bogus, match.Value));
                bogus.Add(new TemplateExpression(field, match.Value));
            }
            last = match.Index + match.Length;
        }
        if (last < text.Length) parts.Add(new Part(PartKind.Literal, text[last..]));
        if (parts.Count == 0) parts.Add(new Part(PartKind.Literal, ""));
        var rest = Token().Replace(text, "");
        if (TemplateExpression.HasExpression(rest))
            bogus.Add(new TemplateExpression(field, rest)); // an unclosed '{{': the shared validation explains it
        return new TemplateText(text, [.. parts]);
    }

    /// <summary>Renders the template for one iteration.</summary>
    /// <exception cref="KeyNotFoundException">A reference has no value (a capture of a step that did not run).</exception>
    public string Render(IterationState state)
    {
        if (_parts.Length == 1 && _parts[0].Kind == PartKind.Literal) return _parts[0].Value;
        var builder = new StringBuilder();
        foreach (var part in _parts)
        {
            builder.Append(part.Kind switch
            {
                PartKind.Literal => part.Value,
                PartKind.Reference => state.Values[part.Value],
                _ => state.Faker.Parse(part.Value),
            });
        }
        return builder.ToString();
    }

    [GeneratedRegex(@"\{\{(.*?)\}\}", RegexOptions.Singleline)]
    private static partial Regex Token();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Name();

    private enum PartKind { Literal, Reference, Bogus }

    private readonly record struct Part(PartKind Kind, string Value);
}

/// <summary>One iteration's data while its steps run: its seeded Faker and its variables and captures so far.</summary>
internal sealed class IterationState(Faker faker)
{
    /// <summary>The iteration's Faker, seeded from (seed, iteration).</summary>
    public Faker Faker { get; } = faker;

    /// <summary>Variables and captures by name.</summary>
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);
}
