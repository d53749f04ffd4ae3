using System.Globalization;
using ChaosKit.Core.Results;
using ChaosKit.Reports.Words;
using ChaosKit.Runner;
using Spectre.Console;

namespace ChaosKit.Cli.Output;

/// <summary>
/// Prints the end of a run: the per-phase table with the faults under it, the workflow steps, the score, each
/// expectation, the files, and any error. The tables fit the terminal (<see cref="FittingTable"/>), so no number is
/// broken across lines, and the text below them wraps under its own column.
/// </summary>
internal static class RunSummary
{
    public static void Print(RunOutcome outcome) => Write(AnsiConsole.Console, outcome);

    public static void Write(IAnsiConsole console, RunOutcome outcome)
    {
        if (outcome.Result is { } result)
        {
            console.WriteLine();
            foreach (var table in PhaseTables(console, result)) console.Write(table);
            WriteFaults(console, result);
            WriteSteps(console, result);
            console.WriteLine();
            WriteScore(console, result.Score);
            WriteExpectationsAndWarnings(console, result);
            if (outcome.Reference?.Result is { } reference) WriteComparison(console, reference, result, outcome.Reference.OutputDirectory);
        }
        foreach (var file in outcome.Files) console.MarkupLineInterpolated($"[grey]wrote[/] {file}");
        if (outcome.Error is { } error) ConsoleOutput.Error(error);
        else if (outcome.Result is { } done)
            console.MarkupLine(done.Passed ? "[green bold]PASSED[/]: every expectation held" : "[red bold]FAILED[/]: an expectation did not hold");
    }

    /// <summary>
    /// The run's score and grade, what cost it points (worded by <see cref="ScoreWords"/>), then each phase after the
    /// baseline with its score.
    /// </summary>
    private static void WriteScore(IAnsiConsole console, ScoreCard score)
    {
        console.MarkupLineInterpolated($"[bold]Score {ScoreWords.WithGrade(score)} / 100[/] [grey](compared with the '{score.Baseline}' phase)[/]");
        var deductions = HangingGrid(0, Justify.Left);
        foreach (var line in ScoreWords.Deductions(score)) deductions.AddRow("[grey]•[/]", Markup.Escape(line));
        WriteIfAny(console, deductions);
        // The phases the total averages, each with what it lost; one alone would only repeat the lines above.
        var scored = score.Phases.Skip(1).Where(p => p.Weight > 0).ToArray();
        var phases = HangingGrid(2, Justify.Left, Justify.Right);
        foreach (var phase in scored)
        {
            var why = scored.Length > 1 ? ScoreWords.Explain(score, phase) : $"the phase with faults, {Num(100 * phase.Weight, "0")}% of the score";
            phases.AddRow(Markup.Escape(phase.Phase), Num(phase.Score, "0.0"), $"[grey]{Markup.Escape(why)}[/]");
        }
        WriteIfAny(console, phases);
    }

    /// <summary>
    /// The reference run beside the judged one: each run's profile, score and the components where they differ most,
    /// so a first run shows at a glance what building the app differently changed.
    /// </summary>
    private static void WriteComparison(IAnsiConsole console, RunResult reference, RunResult judged, string? referenceFolder)
    {
        console.WriteLine();
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Same outage, two builds[/]");
        table.AddColumn("");
        table.AddColumn(new TableColumn(Markup.Escape(ProfileOf(reference))).RightAligned());
        table.AddColumn(new TableColumn(Markup.Escape(ProfileOf(judged))).RightAligned());
        table.AddRow("[bold]Score[/]", Markup.Escape(ScoreWords.WithGrade(reference.Score)), $"[bold]{Markup.Escape(ScoreWords.WithGrade(judged.Score))}[/]");
        foreach (var component in judged.Score.Components)
        {
            var before = reference.Score.Components.FirstOrDefault(c => c.Name == component.Name);
            if (before is null) continue;
            table.AddRow(Markup.Escape(ScoreWords.Label(component)), Lost(before.PointsLost), Lost(component.PointsLost));
        }
        table.AddRow("Availability", Percent(reference.Overall.Outcomes.Availability), Percent(judged.Overall.Outcomes.Availability));
        table.AddRow("Passed", reference.Passed ? "[green]yes[/]" : "[red]no[/]", judged.Passed ? "[green]yes[/]" : "[red]no[/]");
        console.Write(table);
        if (referenceFolder is not null) console.MarkupLineInterpolated($"[grey]the reference run's files: {referenceFolder}[/]");

        static string Percent(double? ratio) => ratio is { } value ? Num(value * 100, "0.#") + "%" : "no data";
        static string Lost(double points) => points < 0.05 ? "0" : "−" + Num(points, "0.#");
    }

    private static string ProfileOf(RunResult run) => run.Target.Profile is { } profile ? $"as {profile}" : "run";

    private static void WriteExpectationsAndWarnings(IAnsiConsole console, RunResult result)
    {
        var expectations = HangingGrid(0, Justify.Left);
        foreach (var e in result.Expectations)
        {
            var text = e.Passed ? Markup.Escape(e.Text) : $"[red]{Markup.Escape(e.Text)}[/]";
            expectations.AddRow(e.Passed ? "[green]✓[/]" : "[red]✗[/]", $"{text} [grey]({Markup.Escape(e.Detail)})[/]");
        }
        WriteIfAny(console, expectations);
        var warnings = HangingGrid(0, Justify.Left);
        foreach (var warning in result.Warnings) warnings.AddRow("[yellow]warning:[/]", Markup.Escape(WarningWords.Of(warning)));
        WriteIfAny(console, warnings);
    }

    private static readonly string[] PhaseFigures =
        ["Window", "Scheduled", "OK", "Fallback", "Failed", "Timeout", "Error", "Dropped", "Avail", "p50 ms", "p95 ms", "p99 ms", "Failed p95", "Calls", "Score"];

    /// <summary>The per-phase tables: a row per phase when it fits the console, else a column per phase.</summary>
    private static IReadOnlyList<Table> PhaseTables(IAnsiConsole console, RunResult result) =>
        FittingTable.For(console, $"[bold]{Markup.Escape(result.Scenario.Name)}[/]", "Phase", PhaseFigures,
            [.. result.Phases.Select(phase => new FittingTable.Item(phase.Name, PhaseCells(result, phase)))], leftAligned: 1);

    private static string[] PhaseCells(RunResult result, PhaseResult phase)
    {
        var o = phase.Stats.Outcomes;
        // Latency of the served requests, as expectations read it; the failed ones' p95 apart.
        var l = phase.Stats.ServedLatency;
        var failed = phase.Stats.FailedLatency;
        var score = result.Score.Phases.FirstOrDefault(s => s.Phase == phase.Name)?.Score;
        return
        [
            $"{Num(phase.StartSeconds, "0.#")}–{Num(phase.EndSeconds, "0.#")}s",
            Num(o.Scheduled), Num(o.Ok), Num(o.Fallback), Num(o.Failed), Num(o.Timeout), Num(o.Error), Num(o.Dropped),
            o.Availability is { } availability ? Num(availability * 100, "0.#") + "%" : "no data",
            Ms(l, l.P50Ms), Ms(l, l.P95Ms), Ms(l, l.P99Ms), Ms(failed, failed.P95Ms),
            Calls(phase.ProviderCalls),
            score is null ? "–" : Num(score.Value, "0.0"),
        ];
    }

    /// <summary>Each phase's faults under the table, a line each, worded by <see cref="FaultWords"/>.</summary>
    private static void WriteFaults(IAnsiConsole console, RunResult result)
    {
        var faults = HangingGrid(1, Justify.Left);
        foreach (var phase in result.Phases)
        {
            for (var i = 0; i < phase.Faults.Count; i++)
                faults.AddRow(i == 0 ? Markup.Escape(phase.Name) : "", Markup.Escape(FaultWords.Of(phase.Faults[i])));
        }
        if (faults.Rows.Count == 0) return;
        console.MarkupLine("[bold]Faults[/]");
        console.Write(faults);
    }

    private static readonly string[] StepFigures = ["Ran", "OK", "Failed", "Skipped", "p50 ms", "p95 ms", "p99 ms", "max ms", "TTFB p95 ms"];

    /// <summary>
    /// The workflow steps: a table of their runs, failures (failed, timeout or error), skips and latency from send to
    /// end of body of the runs that passed, then each step's failure reasons under it, commonest first.
    /// </summary>
    private static void WriteSteps(IAnsiConsole console, RunResult result)
    {
        if (!StepBreakdown.Shows(result.Steps)) return;
        console.WriteLine();
        var items = result.Steps.Select(step =>
        {
            var c = step.Counts;
            var l = step.ServedLatency;
            var ttfb = step.TimeToFirstByte;
            return new FittingTable.Item($"{step.Workflow}/{step.Step}",
            [
                Num(c.Ran), Num(c.Ok + c.Fallback), Num(c.Failed + c.Timeout + c.Error), Num(c.Skipped),
                Ms(l, l.P50Ms), Ms(l, l.P95Ms), Ms(l, l.P99Ms), Ms(l, l.MaxMs), Ms(ttfb, ttfb.P95Ms),
            ]);
        });
        foreach (var table in FittingTable.For(console, "[bold]Workflow steps[/]", "Step", StepFigures, [.. items])) console.Write(table);

        var failures = HangingGrid(1, Justify.Left);
        foreach (var step in result.Steps.Where(s => s.Failures.Count > 0))
        {
            var reasons = step.Failures.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} ×{Num(kv.Value)}");
            failures.AddRow(Markup.Escape($"{step.Workflow}/{step.Step}"), Markup.Escape(string.Join("; ", reasons)));
        }
        if (failures.Rows.Count == 0) return;
        console.MarkupLine("[bold]Failed checks[/]");
        console.Write(failures);
    }

    /// <summary>
    /// A borderless grid, indented <paramref name="indent"/> spaces: label columns (aligned as <paramref name="labels"/>
    /// says) that never wrap, then a text column that wraps under itself.
    /// </summary>
    internal static Grid HangingGrid(int indent, params Justify[] labels)
    {
        var grid = new Grid();
        for (var i = 0; i < labels.Length; i++)
            grid.AddColumn(new GridColumn { Alignment = labels[i] }.NoWrap().PadLeft(i == 0 ? indent : 0).PadRight(1));
        grid.AddColumn(new GridColumn().PadLeft(1).PadRight(0));
        return grid;
    }

    private static void WriteIfAny(IAnsiConsole console, Grid grid)
    {
        if (grid.Rows.Count > 0) console.Write(grid);
    }

    /// <summary>A latency figure in whole milliseconds, or a dash when nothing was measured.</summary>
    private static string Ms(LatencySummary latency, double ms) => latency.Count == 0 ? "–" : Num(ms, "#,0");

    private static string Calls(ProviderCallStats calls) =>
        calls.Total == 0 ? "0" : $"{calls.Total} ({string.Join(", ", calls.ByStatus.Select(kv => $"{kv.Key}×{kv.Value}"))})";

    private static string Num(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);
}
