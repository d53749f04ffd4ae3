using System.Text.Json;
using ChaosKit.Reports.Json;
using ChaosKit.Reports.Json.Dto;
using Scriban.Runtime;

namespace ChaosKit.Reports.Html;

/// <summary>
/// Builds report.html from the template <c>Assets/report.html.sbn</c> and the same model that result.json is written
/// from, so both files show the same numbers. The template encodes every value it writes (<see cref="HtmlTemplate"/>);
/// only the inlined assets and the data block go in as they are.
/// </summary>
internal static class HtmlReportRenderer
{
    private static readonly HtmlTemplate Page = new("report.html.sbn", ReportAssets.PageTemplate);

    private static readonly ScriptObject Functions = CreateFunctions();

    public static string Render(RunResultDto result)
    {
        var model = new ScriptObject
        {
            ["r"] = result,
            ["card"] = result.Score.ToCard(),
            ["verdict"] = result.Passed ? "PASSED" : "FAILED",
            ["assets"] = new PageAssets(
                new RawHtml(ReportAssets.ScriptHashes),
                new RawHtml(ReportAssets.UPlotStyle),
                new RawHtml(ReportAssets.ReportStyle),
                // The default encoder escapes <, > and &, so user text cannot close the script element.
                new RawHtml(JsonSerializer.Serialize(result, ReportJson.HtmlEmbedded)),
                new RawHtml(ReportAssets.UPlotScript),
                new RawHtml(ReportAssets.ReportScript)),
        };
        return Page.Render(Functions, model);
    }

    private static ScriptObject CreateFunctions()
    {
        var functions = new ScriptObject();
        functions.Import(typeof(HtmlTemplateFunctions));
        return functions;
    }

    /// <summary>What the page inlines, as the template reads it (<c>assets.uplot_script</c>, ...).</summary>
    private sealed record PageAssets(RawHtml ScriptHashes, RawHtml UplotStyle, RawHtml ReportStyle, RawHtml Data, RawHtml UplotScript, RawHtml ReportScript);
}
