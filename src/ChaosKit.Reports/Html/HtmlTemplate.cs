using System.Net;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace ChaosKit.Reports.Html;

/// <summary>
/// A Scriban template that writes HTML safely by default: every value a <c>{{ ... }}</c> outputs is HTML-encoded,
/// unless it is <see cref="RawHtml"/> (the inlined assets and the data block, which must reach the page byte for byte).
/// The template's own text is written as it is.
/// </summary>
internal sealed class HtmlTemplate
{
    private readonly Template _template;

    /// <summary>Parses <paramref name="text"/>; a template with errors fails here, on first use, not in a report.</summary>
    public HtmlTemplate(string name, string text)
    {
        _template = Template.Parse(text, name);
        if (_template.HasErrors)
            throw new InvalidOperationException($"Template '{name}' does not parse: {string.Join("; ", _template.Messages)}");
    }

    /// <summary>Renders the template with <paramref name="globals"/> in scope, innermost last.</summary>
    public string Render(params ScriptObject[] globals)
    {
        var context = new EncodingContext
        {
            // A misspelt variable fails the export instead of rendering as nothing.
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            // The page holds the inlined scripts verbatim (their CSP hashes depend on it) and may hold thousands of rows.
            AutoIndent = false,
            LimitToString = 0,
            LoopLimit = 0,
            NewLine = "\n",
        };
        foreach (var global in globals) context.PushGlobal(global);
        return _template.Render(context);
    }

    private sealed class EncodingContext : TemplateContext
    {
        public override TemplateContext Write(SourceSpan span, object? textAsObject) => textAsObject switch
        {
            null => this,
            RawHtml raw => Write(raw.Html),
            _ => Write(WebUtility.HtmlEncode(ObjectToString(textAsObject))),
        };
    }
}

/// <summary>Markup or inlined text the template writes without encoding; only for text the report itself made.</summary>
/// <param name="Html">The text, written as it is.</param>
internal sealed record RawHtml(string Html);
