using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace ChaosKit.Reports.Html;

/// <summary>The scripts and styles inlined into every report, and the page's template, read once from the assembly's embedded resources.</summary>
internal static class ReportAssets
{
    public static string UPlotStyle { get; } = Guard(Read("uplot.css"), "uplot.css", "</style");

    public static string ReportStyle { get; } = Guard(Read("report.css"), "report.css", "</style");

    /// <summary>uPlot with its MIT licence in a leading comment, as the licence asks for copies to carry it.</summary>
    public static string UPlotScript { get; } =
        $"/*! uPlot 1.6.32\n{Guard(Read("uplot.LICENSE"), "uplot.LICENSE", "*/")}\n*/\n{Script("uplot.js")}";

    public static string ReportScript { get; } = Script("report.js");

    /// <summary>The page's Scriban template.</summary>
    public static string PageTemplate { get; } = Read("report.html.sbn");

    /// <summary>compare.html's Scriban template.</summary>
    public static string CompareTemplate { get; } = Read("compare.html.sbn");

    /// <summary>What compare.html adds to <see cref="ReportStyle"/>.</summary>
    public static string CompareStyle { get; } = Guard(Read("compare.css"), "compare.css", "</style");

    /// <summary>
    /// CSP sources allowing exactly the two inlined scripts and nothing else, so markup that slipped past encoding
    /// still could not run. Hashes are over the exact element text, hence the line-ending normalisation in
    /// <see cref="Read"/> (browsers turn CRLF into LF before hashing).
    /// </summary>
    public static string ScriptHashes { get; } = string.Join(" ", new[] { UPlotScript, ReportScript }.Select(script =>
        $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)))}'"));

    // Inlined text must not end the element it sits in; checking here turns a bad vendored update into a loud
    // failure on first use instead of a report that silently breaks in the browser.
    private static string Script(string name) => Guard(Read(name), name, "</script");

    private static string Guard(string text, string name, string forbidden) =>
        text.Contains(forbidden, StringComparison.OrdinalIgnoreCase)
            ? throw new InvalidOperationException($"Embedded asset '{name}' contains '{forbidden}' and cannot be inlined.")
            : text;

    private static string Read(string name)
    {
        var resource = "ChaosKit.Reports." + name;
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded asset '{resource}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }
}
