using System.Text;
using ChaosKit.Core.Results;
using ChaosKit.Reports.Words;
using static ChaosKit.Reports.Markdown.MarkdownText;

namespace ChaosKit.Reports.Compare;

/// <summary>
/// compare.md: the comparison in GitHub-flavoured Markdown, for a pull request or <c>$GITHUB_STEP_SUMMARY</c>: the two
/// runs, the <c>--fail-on</c> checks, the score and its components, then each phase's figures, regressions and
/// improvements marked.
/// </summary>
internal static class CompareMarkdown
{
    public static string Render(RunComparison c)
    {
        var md = new StringBuilder();
        md.Append($"## ChaosKit compare: {Cell(c.New.Result.Scenario.Name)} — {Headline(c)}\n\n");

        md.Append("| | Base | New |\n|---|---|---|\n");
        Row(md, "Run", Run(c.Base), Run(c.New));
        Row(md, "Started", Format.UtcTimestamp(c.Base.Result.StartedAt.UtcDateTime), Format.UtcTimestamp(c.New.Result.StartedAt.UtcDateTime));
        Row(md, "Seed", $"{c.Base.Result.Scenario.Seed}", $"{c.New.Result.Scenario.Seed}");
        Row(md, "Verdict", Verdict(c.Base.Result), Verdict(c.New.Result));
        Row(md, "Score", Format.Score(c.Base.Result.Score.Total), Format.Score(c.New.Result.Score.Total));
        Row(md, "Scenario file", Revision(c.Base.Result), Revision(c.New.Result));
        Row(md, "ChaosKit", Version(c.Base.Result), Version(c.New.Result));
        md.Append('\n');

        if (c.Checks.Count > 0)
        {
            md.Append("**--fail-on**\n\n");
            foreach (var check in c.Checks)
                md.Append(check.Holds ? "- ❌ `" : "- ✅ `").Append(Code(check.Text)).Append("` ").Append(Cell(CompareWords.Outcome(check))).Append('\n');
            md.Append('\n');
        }
        if (c.Notes.Count > 0)
        {
            md.Append("**Read with care**\n\n");
            foreach (var note in c.Notes) md.Append("- ").Append(Cell(CompareWords.Note(note))).Append('\n');
            md.Append('\n');
        }

        md.Append("### Score\n\n| | Weight | Base | New | Change | Points lost | |\n|---|---:|---:|---:|---:|---:|---|\n");
        md.Append($"| **Score** | | {CompareWords.Base(c.Score)} | {CompareWords.New(c.Score)} | {CompareWords.Delta(c.Score)} | | {Mark(c.Score)} |\n");
        foreach (var component in c.Components)
        {
            md.Append($"| `{Code(component.Name)}` | {Format.Number(component.Weight)} | {CompareWords.Base(component.Value)} | {CompareWords.New(component.Value)} | ");
            md.Append($"{CompareWords.Delta(component.Value)} | {CompareWords.Base(component.PointsLost)} → {CompareWords.New(component.PointsLost)} | {Mark(component.Value)} |\n");
        }

        md.Append("\n### Phases\n");
        foreach (var span in c.Spans)
        {
            md.Append($"\n**{Cell(span.Name)}**{(span.IsWholeRun ? "" : " " + CompareWords.Window(span))}\n\n| | Base | New | Change | |\n|---|---:|---:|---:|---|\n");
            foreach (var metric in span.Metrics)
                md.Append($"| {metric.Metric.Label} | {CompareWords.Base(metric)} | {CompareWords.New(metric)} | {CompareWords.Delta(metric)} | {Mark(metric)} |\n");
        }
        md.Append('\n').Append(CompareWords.Margins()).Append('\n');
        return md.ToString();
    }

    /// <summary>The line under the title: how many figures got worse and better, and the --fail-on verdict.</summary>
    internal static string Headline(RunComparison c)
    {
        var counts = CompareWords.Counts(c);
        var score = $"score {CompareWords.Base(c.Score)} → {CompareWords.New(c.Score)}";
        if (c.Checks.Count == 0) return $"{counts}; {score}";
        var held = c.Checks.Count(check => check.Holds);
        return held == 0
            ? $"✅ no --fail-on rule held; {counts}; {score}"
            : $"❌ {held} of {c.Checks.Count} --fail-on {(c.Checks.Count == 1 ? "rule" : "rules")} held; {counts}; {score}";
    }

    private static void Row(StringBuilder md, string label, string b, string n) => md.Append($"| {label} | {b} | {n} |\n");

    private static string Run(ComparedRun run) => run.Report is { } report ? $"[{Cell(run.Label)}]({Format.RelativeUrl(report)})" : Cell(run.Label);

    private static string Verdict(RunResult r) => (r.Passed ? "✅ passed" : "❌ failed") + (r.Completion.IsComplete ? "" : $" ({Cell(CompletionWords.Short(r.Completion))})");

    private static string Revision(RunResult r) => r.Scenario.Revision is { } revision
        ? Cell(ProvenanceWords.Revision(revision))
        : r.Scenario.SourcePath is null ? "—" : "not in a git repository";

    private static string Version(RunResult r) => r.Environment is { } e ? Cell(ProvenanceWords.Version(e.ChaosKitVersion)) : "—";

    private static string Mark(MetricChange change) => change.Verdict switch
    {
        ChangeVerdict.Worse => "🔴 worse",
        ChangeVerdict.Better => "🟢 better",
        ChangeVerdict.Changed => "changed",
        _ => "",
    };
}
