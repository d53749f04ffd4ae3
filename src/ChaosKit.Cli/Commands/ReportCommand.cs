using System.CommandLine;
using System.Globalization;
using ChaosKit.Cli.Output;
using ChaosKit.Runner;
using Spectre.Console;

namespace ChaosKit.Cli.Commands;

/// <summary>
/// <c>chaoskit report RUN [--out DIR]</c>: renders a run's reports again from its result.json (after upgrading ChaosKit,
/// or when CI kept only that file).
/// </summary>
internal static class ReportCommand
{
    public static Command Build()
    {
        var run = new Argument<string>("run") { Description = "A run folder (the folder chaoskit run wrote), or its result.json." };
        var output = new Option<string?>("--out")
        {
            Description = "Folder for the reports. Default: the run folder (the one result.json is in).",
            HelpName = "DIR",
        };
        var command = new Command("report", "Render a run's reports again from its result.json alone: report.html, report.md, junit.xml, " +
            "and result.json itself in this ChaosKit's schema. For a result from an older ChaosKit, or when CI kept only result.json; " +
            "the HTML report links the run's target.log and journal.jsonl where they are. " +
            "Exit 0 when written, 2 for a result that cannot be read or an output folder that cannot be written, 3 when a report failed to write." +
            ChaosKitCommand.Examples(
                "chaoskit report reports/claude-outage-20251127-180000Z",
                "chaoskit report artifacts/result.json --out artifacts/report"))
        {
            run, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var outcome = await ReportRenderer.RenderAsync(parse.GetValue(run)!, parse.GetValue(output), ct);
            if (outcome.Result is { } result)
            {
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                    $"[bold]{result.Scenario.Name}[/] [grey](seed {result.Scenario.Seed}, started {result.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC)[/]: {(result.Passed ? "passed" : "failed")}, score {result.Score.Total:0.0} / 100");
            }
            foreach (var file in outcome.Files) AnsiConsole.MarkupLineInterpolated($"[grey]wrote[/] {file}");
            if (outcome.Error is { } error) ConsoleOutput.Error(error);
            return outcome.ExitCode;
        });
        return command;
    }
}
