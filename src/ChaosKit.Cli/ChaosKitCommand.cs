using System.CommandLine;
using ChaosKit.Cli.Commands;
using ChaosKit.Cli.Output;
using ChaosKit.Runner;

namespace ChaosKit.Cli;

/// <summary>
/// The <c>chaoskit</c> root command: wires the subcommands, turns bad flags into exit code 2 and anything unforeseen
/// into exit code 3, never 1, which only a failed expectation may return.
/// </summary>
internal static class ChaosKitCommand
{
    internal const string ExitCodeHelp =
        "Exit codes: 0 every expectation held; 1 an expectation failed; " +
        "2 invalid input (bad scenario file or flag, or an output folder that cannot be written or has no room); " +
        "3 the harness or the target failed (port in use, target unreachable or crashed, a full disk; results so far are written); " +
        "130 interrupted by Ctrl+C (results so far are written).";

    /// <summary>The lines a command's help ends with, under "Examples:".</summary>
    internal static string Examples(params string[] lines) => "\n\nExamples:\n" + string.Join("\n", lines.Select(l => "  " + l));

    public static RootCommand Build()
    {
        var root = new RootCommand(
            "ChaosKit rehearses AI provider outages: fake providers fail on a timeline while load runs through your app, " +
            "and a report scores how it degraded. " + ExitCodeHelp + " compare exits 1 when a --fail-on rule held." +
            Examples(
                "chaoskit run scenarios/claude-outage.yaml",
                "chaoskit validate scenarios/*.yaml",
                "chaoskit report reports/claude-outage-20251127-180000Z",
                "chaoskit compare reports/last-week reports/today --fail-on 'score < -5'",
                "chaoskit run --help"));
        root.Subcommands.Add(RunCommand.Build());
        root.Subcommands.Add(ValidateCommand.Build());
        root.Subcommands.Add(ServeCommand.Build());
        root.Subcommands.Add(InitCommand.Build());
        root.Subcommands.Add(ReportCommand.Build());
        root.Subcommands.Add(CompareCommand.Build());
        return root;
    }

    public static async Task<int> InvokeAsync(string[] args)
    {
        // Redirected output (CI logs, pipes) has no width; 80 columns would fold the phase table into unreadable slivers.
        if (Console.IsOutputRedirected) Spectre.Console.AnsiConsole.Profile.Width = 200;
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) ConsoleOutput.Error(error.Message);
            ConsoleOutput.Hint($"see 'chaoskit {(parse.CommandResult.Command.Name == "chaoskit" ? "" : parse.CommandResult.Command.Name + " ")}--help'");
            return ExitCodes.InvalidInput;
        }
        try
        {
            // Ctrl+C cancels the command's token; the run then needs a few seconds to score and write what it measured.
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                ProcessTerminationTimeout = TimeSpan.FromSeconds(60),
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            // System.CommandLine's own handler exits 1, which a pipeline reads as "an expectation failed".
            ConsoleOutput.Error($"ChaosKit failed unexpectedly: {e.GetType().Name}: {e.Message}");
            ConsoleOutput.Hint("this is a bug in ChaosKit; please report it with the command you ran and this trace:");
            Console.Error.WriteLine(e);
            return ExitCodes.HarnessFailure;
        }
    }
}
