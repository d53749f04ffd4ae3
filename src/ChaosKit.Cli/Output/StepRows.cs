using System.Globalization;
using ChaosKit.Load;
using Spectre.Console;

namespace ChaosKit.Cli.Output;

/// <summary>
/// The live figures of a workflow run's steps: one table row per step for the live panel, or one plain line per
/// workflow for a CI log. Both show runs so far, failures (failed, timeout or error) with their share, skips and the
/// p95 from send to end of body over the steps that ended in the last few seconds.
/// </summary>
internal static class StepRows
{
    /// <summary>
    /// A compact grid without borders: a header row, then one row per step, grouped under its workflow (named on its
    /// first row only).
    /// </summary>
    public static Grid Table(IReadOnlyList<StepProgress> steps)
    {
        var grid = new Grid();
        grid.AddColumn(new GridColumn().PadRight(2));
        grid.AddColumn(new GridColumn().PadRight(2));
        for (var i = 0; i < 4; i++) grid.AddColumn(new GridColumn().RightAligned().PadRight(2));
        grid.AddRow("[grey]Workflow[/]", "[grey]Step[/]", "[grey]Ran[/]", "[grey]Failed[/]", "[grey]Skipped[/]", "[grey]Recent p95[/]");

        string? workflow = null;
        foreach (var s in steps)
        {
            var failed = Num(s.Failures) + Share(s);
            grid.AddRow(
                s.Workflow == workflow ? "" : Markup.Escape(s.Workflow),
                Markup.Escape(s.Step),
                Num(s.Ran),
                s.Failures > 0 ? $"[red]{failed}[/]" : failed,
                s.Skipped > 0 ? $"[yellow]{Num(s.Skipped)}[/]" : "0",
                P95(s));
            workflow = s.Workflow;
        }
        return grid;
    }

    /// <summary>One line per workflow, e.g. <c>  ask-and-read: ask 120 ran, 3 failed (2.5%), p95 850 ms; history ...</c>.</summary>
    public static IEnumerable<string> PlainLines(IReadOnlyList<StepProgress> steps) =>
        steps.GroupBy(s => s.Workflow).Select(workflow =>
            $"  {workflow.Key}: " + string.Join("; ", workflow.Select(s =>
                $"{s.Step} {Num(s.Ran)} ran, {Num(s.Failures)} failed{Share(s)}" + (s.Skipped > 0 ? $", {Num(s.Skipped)} skipped" : "") + $", p95 {P95(s)}")));

    /// <summary>The failures' share of the runs, e.g. <c> (2.5%)</c>; empty when nothing failed.</summary>
    private static string Share(StepProgress s) => s.Failures == 0 || s.Ran == 0
        ? ""
        : string.Create(CultureInfo.InvariantCulture, $" ({100.0 * s.Failures / s.Ran:0.#}%)");

    private static string P95(StepProgress s) =>
        s.RecentRuns == 0 ? "–" : s.RecentP95Ms.ToString("#,0", CultureInfo.InvariantCulture) + " ms";

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);
}
