using System.Globalization;
using ChaosKit.Reports.Compare;
using ChaosKit.Reports.Words;
using ChaosKit.Runner.Compare;
using Spectre.Console;

namespace ChaosKit.Cli.Output;

/// <summary>
/// Prints a comparison in a few lines that fit 80 columns: the two runs, the score, only the figures that got worse
/// or better beyond their noise margins, the <c>--fail-on</c> rules, what else differs, and the files. Worded by
/// <see cref="CompareWords"/>, as compare.html and compare.md are.
/// </summary>
internal static class CompareSummary
{
    public static void Print(CompareOutcome outcome) => Write(AnsiConsole.Console, outcome);

    public static void Write(IAnsiConsole console, CompareOutcome outcome)
    {
        if (outcome.Comparison is { } c)
        {
            console.MarkupLineInterpolated($"[bold]{c.New.Result.Scenario.Name}[/]: the new run compared with the base run");
            var runs = RunSummary.HangingGrid(2, Justify.Left);
            foreach (var (side, run) in new[] { ("base", c.Base), ("new", c.New) })
            {
                var r = run.Result;
                runs.AddRow(side, $"{Markup.Escape(run.Label)} [grey]({(r.Passed ? "passed" : "failed")}, score {Markup.Escape(CompareWords.Value(MetricUnit.Points, r.Score.Total))}, " +
                    $"{r.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC)[/]");
            }
            console.Write(runs);

            console.MarkupLine($"[bold]Score {Markup.Escape(CompareWords.Base(c.Score))} → {Markup.Escape(CompareWords.New(c.Score))}[/] " +
                $"({Markup.Escape(CompareWords.Delta(c.Score))}){Verdict(c.Score.Verdict, " ")}");
            WriteChanges(console, c);
            WriteChecks(console, c);
            var notes = RunSummary.HangingGrid(0, Justify.Left);
            foreach (var note in c.Notes) notes.AddRow("[yellow]note:[/]", Markup.Escape(CompareWords.Note(note)));
            if (notes.Rows.Count > 0) console.Write(notes);
        }
        foreach (var file in outcome.Files) console.MarkupLineInterpolated($"[grey]wrote[/] {file}");
        if (outcome.Error is { } error) ConsoleOutput.Error(error);
        else if (outcome.Comparison is { Checks.Count: > 0 } gated)
        {
            console.MarkupLine(gated.Failed
                ? $"[red bold]FAILED[/]: {gated.Checks.Count(k => k.Holds)} of {gated.Checks.Count} --fail-on {(gated.Checks.Count == 1 ? "rule" : "rules")} held"
                : "[green bold]PASSED[/]: no --fail-on rule held");
        }
    }

    /// <summary>The figures that moved beyond their margins, worse first, as "verdict  where · what  base → new (change)".</summary>
    private static void WriteChanges(IAnsiConsole console, RunComparison c)
    {
        var moved = c.Components.Select(k => (Where: $"component {k.Name}", Change: k.Value))
            .Concat(c.Spans.SelectMany(s => s.Metrics.Select(m => (Where: $"{s.Name} · {m.Metric.Label}", Change: m))))
            .Where(x => x.Change.Verdict is ChangeVerdict.Worse or ChangeVerdict.Better)
            .OrderBy(x => x.Change.Verdict == ChangeVerdict.Worse ? 0 : 1)
            .ToList();
        console.MarkupLineInterpolated($"{CompareWords.Counts(c)}{(moved.Count > 0 ? ":" : " beyond the noise margins")}");
        var grid = RunSummary.HangingGrid(2, Justify.Left, Justify.Left);
        foreach (var (where, change) in moved)
        {
            grid.AddRow(Verdict(change.Verdict, ""), Markup.Escape(where),
                Markup.Escape($"{CompareWords.Base(change)} → {CompareWords.New(change)}, {CompareWords.Delta(change)}"));
        }
        if (grid.Rows.Count > 0) console.Write(grid);
    }

    private static void WriteChecks(IAnsiConsole console, RunComparison c)
    {
        if (c.Checks.Count == 0) return;
        console.MarkupLine("--fail-on:");
        var grid = RunSummary.HangingGrid(2, Justify.Left);
        foreach (var check in c.Checks) grid.AddRow(check.Holds ? "[red]✗[/]" : "[green]✓[/]", Markup.Escape(CompareWords.Check(check)));
        console.Write(grid);
    }

    private static string Verdict(ChangeVerdict verdict, string before) => verdict switch
    {
        ChangeVerdict.Worse => $"{before}[red]worse[/]",
        ChangeVerdict.Better => $"{before}[green]better[/]",
        _ => "",
    };
}
