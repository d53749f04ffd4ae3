using ChaosKit.Reports.Html;
using Scriban.Runtime;
using Scriban.Syntax;

namespace ChaosKit.Reports.Tests.Html;

/// <summary>The report's template engine: safe by default, exact for what the report inlines.</summary>
public sealed class HtmlTemplateTests
{
    private static string Render(string template, object value) =>
        new HtmlTemplate("test.sbn", template).Render(new ScriptObject { ["x"] = value });

    [Fact]
    public void Every_value_is_html_encoded_unless_the_report_made_it_raw()
    {
        Assert.Equal("<p>&lt;script&gt;&amp;&quot;&#39;</p>", Render("<p>{{ x }}</p>", "<script>&\"'"));
        Assert.Equal("<p><b>bold</b></p>", Render("<p>{{ x }}</p>", new RawHtml("<b>bold</b>")));
    }

    [Fact]
    public void Inlined_text_of_any_length_and_lines_arrives_unchanged()
    {
        var script = string.Concat(Enumerable.Repeat("let a = 1;\n  indented();\n", 100_000));

        Assert.Equal($"  <script>{script}</script>", Render("  <script>{{ x }}</script>", new RawHtml(script)));
    }

    [Fact]
    public void A_misspelt_variable_fails_instead_of_rendering_nothing()
    {
        Assert.Throws<ScriptRuntimeException>(() => Render("{{ y }}", "value"));
    }
}
