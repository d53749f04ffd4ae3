using System.CommandLine;
using ChaosKit.Cli.Output;
using ChaosKit.Cli.Telemetry;
using ChaosKit.Reports.Markdown;
using ChaosKit.Runner;

namespace ChaosKit.Cli.Commands;

/// <summary>
/// <c>chaoskit run SCENARIO</c>: starts the fakes and the target, drives the load along the timeline, prints the
/// per-phase table and the score, and writes result.json, report.html, junit.xml and report.md (appending report.md to
/// <c>$GITHUB_STEP_SUMMARY</c> when set).
/// </summary>
internal static class RunCommand
{
    public static Command Build()
    {
        var scenario = new Argument<string>("scenario") { Description = "The scenario file, e.g. scenarios/claude-outage.yaml." };
        var output = new Option<string?>("--out")
        {
            Description = "Folder for result.json, report.html, junit.xml, report.md and the call journal. Default: reports/<scenario>-<UTC timestamp>/.",
            HelpName = "DIR",
        };
        var seed = Flags.Integer("--seed", "Replace the scenario's seed (replays use the same one).", "N");
        var timeScale = TimeScaleOption.Create();
        var journalLimit = Flags.JournalLimit();
        var targetUrl = Flags.TargetUrl("Send the load to an app already running at this URL instead of the scenario's target " +
            "(with --target-command: where the command's app listens).");
        var targetCommand = new Option<string?>("--target-command")
        {
            Description = "Start this command as the target, instead of the scenario's (as target.command: it gets the fakes' variables " +
                "and PORT, its output goes to target.log, it is stopped after the run).",
            HelpName = "CMD",
        };

        var profile = new Option<string?>("--profile")
        {
            Description = "Build the bundled sample app with this resilience profile instead of the scenario's target.profile.",
            HelpName = "NAME",
        };
        profile.AcceptOnlyFromAmong([.. Core.Scenarios.TargetSpec.SampleAppProfiles]);
        var compareWith = new Option<string?>("--compare-with")
        {
            Description = "First run the bundled sample app with this profile, same seed and traffic, as the reference this run is compared with.",
            HelpName = "NAME",
        };
        compareWith.AcceptOnlyFromAmong([.. Core.Scenarios.TargetSpec.SampleAppProfiles]);

        var command = new Command("run", "Run a scenario and score how the target degraded. When $GITHUB_STEP_SUMMARY is set, report.md is " +
            "appended to the file it names. " + ChaosKitCommand.ExitCodeHelp + ChaosKitCommand.Examples(
            "chaoskit run scenarios/claude-outage.yaml",
            "chaoskit run scenarios/rate-limit-storm.yaml --profile resilient --compare-with naive",
            "chaoskit run my-outage.yaml --target-url http://127.0.0.1:5000 --time-scale 0.25 --out reports/ci"))
        {
            scenario, output, seed, timeScale, targetUrl, targetCommand, profile, compareWith, journalLimit,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = new RunOptions(parse.GetValue(scenario)!)
            {
                OutputDirectory = parse.GetValue(output),
                Seed = parse.GetValue(seed),
                TimeScale = parse.GetValue(timeScale),
                TargetUrl = parse.GetValue(targetUrl),
                TargetCommand = parse.GetValue(targetCommand) is { Length: > 0 } command ? command : null,
                JournalLimitBytes = parse.GetValue(journalLimit),
                Profile = parse.GetValue(profile),
                CompareWith = parse.GetValue(compareWith),
            };
            // Disposed however the run ends (done, Ctrl+C, an error), so its last spans and metrics still leave.
            using var telemetry = OtlpExport.StartFromEnvironment();
            var console = new RunConsole();
            var outcome = await ScenarioRunner.RunAsync(options, console, ct);
            await console.StopAsync();
            RunSummary.Print(outcome);
            StepSummary.Append(outcome.Files, MarkdownReportExporter.Default.FileName);
            return outcome.ExitCode;
        });
        return command;
    }
}
