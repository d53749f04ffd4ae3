using System.Globalization;
using ChaosKit.Core.Results;
using ChaosKit.Reports.Words;
using ChaosKit.Runner;
using Spectre.Console;

namespace ChaosKit.Cli.Output;

/// <summary>Prints the end of a run: the per-phase table, the score, each expectation, the files, and any error.</summary>
internal static class RunSummary
{
    public static void Print(RunOutcome outcome)
    {
        if (outcome.Result is { } result)
        {
            AnsiConsole.WriteLine();
            AnsiConsole.Write(PhaseTable(result));
            PrintSteps(result);
            AnsiConsole.WriteLine();
            var score = result.Score.Total.ToString("0.0", CultureInfo.InvariantCulture);
            AnsiConsole.MarkupLineInterpolated($"[bold]Score {score} / 100[/] [grey](compared with the '{result.Score.Baseline}' phase)[/]");
            foreach (var phase in result.Score.Phases.Skip(1))
                AnsiConsole.MarkupLineInterpolated($"  [grey]{phase.Phase}: {phase.Score.ToString("0.0", CultureInfo.InvariantCulture)} — {phase.Explanation}[/]");
            foreach (var expectation in result.Expectations)
            {
                if (expectation.Passed) AnsiConsole.MarkupLineInterpolated($"[green]✓[/] {expectation.Text} [grey]({expectation.Detail})[/]");
                else AnsiConsole.MarkupLineInterpolated($"[red]✗ {expectation.Text}[/] [grey]({expectation.Detail})[/]");
            }
            foreach (var warning in result.Warnings) AnsiConsole.MarkupLineInterpolated($"[yellow]warning:[/] {WarningWords.Of(warning)}");
        }
        foreach (var file in outcome.Files) AnsiConsole.MarkupLineInterpolated($"[grey]wrote[/] {file}");
        if (outcome.Error is { } error) ConsoleOutput.Error(error);
        else if (outcome.Result is { } done)
            AnsiConsole.MarkupLine(done.Passed ? "[green bold]PASSED[/]: every expectation held" : "[red bold]FAILED[/]: an expectation did not hold");
    }

    private static Table PhaseTable(RunResult result)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(result.Scenario.Name)}[/]");
        table.AddColumn("Phase");
        table.AddColumn("Window");
        table.AddColumn("Faults");
        foreach (var numeric in new[] { "Sched", "OK", "Fallback", "Failed", "Timeout", "Error", "Dropped", "Avail", "p50 ms", "p95 ms", "p99 ms", "Calls", "Score" })
            table.AddColumn(new TableColumn(numeric).RightAligned());

        foreach (var phase in result.Phases)
        {
            var o = phase.Stats.Outcomes;
            var l = phase.Stats.Latency;
            var score = result.Score.Phases.FirstOrDefault(s => s.Phase == phase.Name)?.Score;
            table.AddRow(
                Markup.Escape(phase.Name),
                $"{Num(phase.StartSeconds, "0.#")}–{Num(phase.EndSeconds, "0.#")}s",
                phase.Faults.Count == 0 ? "[grey]none[/]" : Markup.Escape(string.Join("; ", phase.Faults)),
                Num(o.Scheduled), Num(o.Ok), Num(o.Fallback), Num(o.Failed), Num(o.Timeout), Num(o.Error), Num(o.Dropped),
                Num(o.Availability * 100, "0.#") + "%",
                l.Count == 0 ? "–" : Num(l.P50Ms, "#,0"),
                l.Count == 0 ? "–" : Num(l.P95Ms, "#,0"),
                l.Count == 0 ? "–" : Num(l.P99Ms, "#,0"),
                Calls(phase.ProviderCalls),
                score is null ? "–" : Num(score.Value, "0.0"));
        }
        return table;
    }

    /// <summary>One line per workflow step: runs, failures (with the commonest reason), skips and latency percentiles.</summary>
    private static void PrintSteps(RunResult result)
    {
        if (result.Steps.Count <= 1) return; // a run of one step (a one-request load): its figures are the run's
        AnsiConsole.MarkupLine("[bold]Workflow steps[/]");
        foreach (var step in result.Steps)
        {
            var c = step.Counts;
            var l = step.Latency;
            var failed = c.Failed + c.Timeout + c.Error;
            var reason = step.Failures.OrderByDescending(kv => kv.Value).Select(kv => $" (most: {kv.Key} ×{kv.Value})").FirstOrDefault() ?? "";
            var latency = l.Count == 0 ? "no latency"
                : $"p50 {Num(l.P50Ms, "#,0")} · p95 {Num(l.P95Ms, "#,0")} · p99 {Num(l.P99Ms, "#,0")} · max {Num(l.MaxMs, "#,0")} ms";
            var ttfb = step.TimeToFirstByte.Count == 0 ? "" : $" · TTFB p95 {Num(step.TimeToFirstByte.P95Ms, "#,0")} ms";
            AnsiConsole.MarkupLineInterpolated(
                $"  {step.Workflow}/{step.Step}: {c.Ran} ran, {c.Ok + c.Fallback} ok, {failed} failed{reason}, {c.Skipped} skipped · {latency}{ttfb}");
        }
    }

    private static string Calls(ProviderCallStats calls) =>
        calls.Total == 0 ? "0" : $"{calls.Total} ({string.Join(", ", calls.ByStatus.Select(kv => $"{kv.Key}×{kv.Value}"))})";

    private static string Num(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);
}
