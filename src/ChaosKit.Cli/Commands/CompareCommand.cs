using System.CommandLine;
using ChaosKit.Cli.Output;
using ChaosKit.Reports.Compare;
using ChaosKit.Runner.Compare;

namespace ChaosKit.Cli.Commands;

/// <summary>
/// <c>chaoskit compare BASE NEW [--out DIR] [--fail-on RULE]...</c>: is the new run better or worse than the base run?
/// Writes compare.html and compare.md and exits 1 when a <c>--fail-on</c> rule held.
/// </summary>
internal static class CompareCommand
{
    public static Command Build()
    {
        var baseRun = new Argument<string>("base") { Description = "The run to compare with (last week's, main's): a run folder or its result.json." };
        var newRun = new Argument<string>("new") { Description = "The run under judgement: a run folder or its result.json." };
        var output = new Option<string?>("--out")
        {
            Description = "Folder for compare.html and compare.md. Default: the new run's folder.",
            HelpName = "DIR",
        };
        var failOn = new Option<string[]>("--fail-on")
        {
            Description = "Exit 1 when this change happened from the base run to the new one: METRIC OP CHANGE, e.g. 'score < -5' (the score " +
                "dropped by more than 5 points) or 'outage.p95 > +20%' (grew by more than a fifth). METRIC as expectations name it " +
                "(score, availability, outage.p95, step.ask.p95, ...) or [phase.]component.NAME (a score component's value, 0-1); OP <, <=, > or >=; " +
                "CHANGE signed, new minus base in the metric's unit (-5, +200ms, -2pp for percentage points of a share) or, " +
                "ending in %, relative to the base value. Repeat for several rules.",
            HelpName = "RULE",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("compare", "Compare two runs of one scenario: the score, its components and every phase's figures side by side, " +
            "changes beyond a small noise margin marked worse or better. Writes compare.html and compare.md (appending compare.md to " +
            "$GITHUB_STEP_SUMMARY when set). The runs must have the same phases (names, in order). Exit codes: 0 no --fail-on rule held; 1 one held; 2 invalid input (a result that cannot be read, runs of different " +
            "scenarios or phases, a bad rule, an output folder that cannot be written); 3 a file failed to write." +
            ChaosKitCommand.Examples(
                "chaoskit compare reports/claude-outage-20251127-180000Z reports/claude-outage-20251204-180000Z",
                "chaoskit compare main/result.json pr/result.json --fail-on 'score < -5' --fail-on 'outage.p95 > +20%'"))
        {
            baseRun, newRun, output, failOn,
        };
        command.SetAction(async (parse, ct) =>
        {
            var outcome = await RunComparer.CompareAsync(new CompareOptions(parse.GetValue(baseRun)!, parse.GetValue(newRun)!)
            {
                OutputDirectory = parse.GetValue(output),
                FailOn = parse.GetValue(failOn) ?? [],
            }, ct);
            CompareSummary.Print(outcome);
            StepSummary.Append(outcome.Files, CompareReport.MarkdownFileName);
            return outcome.ExitCode;
        });
        return command;
    }
}
