namespace ChaosKit.Reports.Markdown;

/// <summary>Text from a scenario or a run, made safe for GitHub-flavoured Markdown.</summary>
internal static class MarkdownText
{
    /// <summary>
    /// Text for a table cell or a paragraph: a pipe or a newline would break the table, and HTML in a name must show as
    /// text, not render, on GitHub.
    /// </summary>
    public static string Cell(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("|", "\\|", StringComparison.Ordinal)
        .ReplaceLineEndings(" ");

    /// <summary>Text for inside backticks, where entities are not decoded: only the table-breaking characters are replaced.</summary>
    public static string Code(string text) => text.Replace("`", "'", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
