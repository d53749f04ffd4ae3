using System.Text;
using ChaosKit.Reports.Exporters;
using ChaosKit.Reports.Html;
using ChaosKit.Reports.Words;
using Scriban.Runtime;

namespace ChaosKit.Reports.Compare;

/// <summary>
/// The files <c>chaoskit compare</c> writes: <c>compare.html</c> (one self-contained page in the look of report.html,
/// tables only, nothing loaded and no script) and <c>compare.md</c> (for a pull request or <c>$GITHUB_STEP_SUMMARY</c>).
/// The same comparison gives the same bytes.
/// </summary>
public static class CompareReport
{
    /// <summary>The page's file name.</summary>
    public const string HtmlFileName = "compare.html";

    /// <summary>The Markdown summary's file name.</summary>
    public const string MarkdownFileName = "compare.md";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly HtmlTemplate Page = new("compare.html.sbn", ReportAssets.CompareTemplate);

    private static readonly ScriptObject Functions = CreateFunctions();

    /// <summary>The HTML page of <paramref name="comparison"/>.</summary>
    public static string Html(RunComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var model = new ScriptObject
        {
            ["c"] = comparison,
            ["runs"] = new[] { comparison.Base, comparison.New },
            ["verdict"] = Verdict(comparison),
            ["margins"] = CompareWords.Margins(),
            ["assets"] = new PageAssets(new RawHtml(ReportAssets.ReportStyle), new RawHtml(ReportAssets.CompareStyle)),
        };
        return Page.Render(Functions, model);
    }

    /// <summary>The Markdown text of <paramref name="comparison"/>.</summary>
    public static string Markdown(RunComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return CompareMarkdown.Render(comparison);
    }

    /// <summary>Writes both files into <paramref name="directory"/> (created when missing), each replacing an older one only once complete.</summary>
    /// <returns>The full paths written, the page first.</returns>
    public static async Task<IReadOnlyList<string>> WriteAsync(RunComparison comparison, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return
        [
            await AtomicFile.WriteAsync(directory, HtmlFileName, (stream, ct) => stream.WriteAsync(Utf8NoBom.GetBytes(Html(comparison)), ct), cancellationToken),
            await AtomicFile.WriteAsync(directory, MarkdownFileName, (stream, ct) => stream.WriteAsync(Utf8NoBom.GetBytes(Markdown(comparison)), ct), cancellationToken),
        ];
    }

    /// <summary>
    /// The page's verdict: with <c>--fail-on</c> rules, FAILED when one held and PASSED otherwise; without, WORSE,
    /// BETTER, MIXED or SAME from the judged changes.
    /// </summary>
    public static string Verdict(RunComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        if (comparison.Checks.Count > 0) return comparison.Failed ? "FAILED" : "PASSED";
        return (comparison.Regressions, comparison.Improvements) switch
        {
            (0, 0) => "SAME",
            (_, 0) => "WORSE",
            (0, _) => "BETTER",
            _ => "MIXED",
        };
    }

    private static ScriptObject CreateFunctions()
    {
        var functions = new ScriptObject();
        functions.Import(typeof(HtmlTemplateFunctions));
        functions.Import(typeof(CompareTemplateFunctions));
        return functions;
    }

    /// <summary>What the page inlines, as the template reads it.</summary>
    private sealed record PageAssets(RawHtml ReportStyle, RawHtml CompareStyle);
}

/// <summary>The functions <c>compare.html.sbn</c> calls beside <see cref="HtmlTemplateFunctions"/>: each words through <see cref="CompareWords"/>.</summary>
internal static class CompareTemplateFunctions
{
    public static string ValueBase(MetricChange change) => CompareWords.Base(change);

    public static string ValueNew(MetricChange change) => CompareWords.New(change);

    public static string Delta(MetricChange change) => CompareWords.Delta(change);

    /// <summary>The change's class: <c>worse</c>, <c>better</c>, <c>changed</c>, <c>same</c> or <c>none</c> (no data).</summary>
    public static string VerdictClass(MetricChange change) => change.Verdict switch
    {
        ChangeVerdict.Worse => "worse",
        ChangeVerdict.Better => "better",
        ChangeVerdict.Changed => "changed",
        ChangeVerdict.Unchanged => "same",
        _ => "none",
    };

    public static string Margin(ComparedMetric metric) => CompareWords.Margin(metric);

    public static string Outcome(CompareCheck check) => CompareWords.Outcome(check);

    public static string Note(CompareNote note) => CompareWords.Note(note);

    public static string Counts(RunComparison c) => CompareWords.Counts(c);

    public static string RunStarted(ComparedRun run) => Format.UtcTimestamp(run.Result.StartedAt.UtcDateTime);

    public static string RunIso(ComparedRun run) => Format.IsoTimestamp(run.Result.StartedAt.UtcDateTime);

    public static string RunCompletion(ComparedRun run) => run.Result.Completion.IsComplete ? "" : CompletionWords.Short(run.Result.Completion);

    public static string RunRevision(ComparedRun run) => run.Result.Scenario.Revision is { } revision ? ProvenanceWords.Revision(revision) : "";

    public static string RunMachine(ComparedRun run) => run.Result.Environment is { } environment ? ProvenanceWords.Machine(environment) : "";

    public static string Window(SpanComparison span) => CompareWords.Window(span);
}
