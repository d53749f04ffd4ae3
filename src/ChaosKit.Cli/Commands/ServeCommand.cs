using System.CommandLine;
using ChaosKit.Cli.Output;
using ChaosKit.Cli.Telemetry;
using ChaosKit.Runner.Serve;

namespace ChaosKit.Cli.Commands;

/// <summary>
/// <c>chaoskit serve SCENARIO</c>: runs only the fakes, on the scenario's timeline, for your own app to call;
/// prints the variables that point it at them and a loopback control URL. Stops on q, Ctrl+C or <c>POST /__chaoskit/stop</c>.
/// </summary>
internal static class ServeCommand
{
    private const string ExitCodeHelp =
        "Exit codes: 0 stopped (q, Ctrl+C or POST /__chaoskit/stop); 2 invalid input (bad scenario file or flag); " +
        "3 the harness failed (e.g. a port in use).";

    public static Command Build()
    {
        var scenario = new Argument<string>("scenario") { Description = "The scenario file, e.g. scenarios/claude-outage.yaml." };
        var envFile = new Option<string?>("--env-file")
        {
            Description = "Also write the NAME=value lines (provider base URLs, keys, control URL) to this file.",
            HelpName = "PATH",
        };
        var timeScale = TimeScaleOption.Create();
        var journalLimit = Flags.JournalLimit();
        var seed = Flags.Integer("--seed", "Replace the scenario's seed.", "N");
        var controlPort = Flags.Integer(
            "--control-port", "Loopback port of the /__chaoskit/ control endpoints; 0 (default) picks a free one.", "PORT", 0, 65535);
        var output = new Option<string?>("--out")
        {
            Description = "Folder for the session's files (serve.log, the fakes' journal). Default: reports/serve-<scenario>-<UTC timestamp>/.",
            HelpName = "DIR",
        };

        var command = new Command("serve",
            "Run only the fake providers on the scenario's timeline, for your own app to call. " +
            "Keys on a terminal: p pause/resume, n next phase, 1-9 jump to a phase, c clear live faults, q quit. " + ExitCodeHelp +
            ChaosKitCommand.Examples("chaoskit serve scenarios/claude-outage.yaml --env-file .env.chaoskit"))
        {
            scenario, envFile, timeScale, seed, controlPort, output, journalLimit,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = new ServeOptions(parse.GetValue(scenario)!)
            {
                EnvFile = parse.GetValue(envFile),
                TimeScale = parse.GetValue(timeScale),
                Seed = parse.GetValue(seed),
                ControlPort = parse.GetValue(controlPort) ?? 0,
                RunDirectory = parse.GetValue(output),
                JournalLimitBytes = parse.GetValue(journalLimit),
            };
            // Disposed however the session ends, so its last spans and metrics still leave.
            using var telemetry = OtlpExport.StartFromEnvironment();
            var console = new ServeConsole();
            var outcome = await ServeRunner.RunAsync(options, console, ct);
            await console.StopAsync();
            if (outcome.Error is { } error) ConsoleOutput.Error(error);
            else if (outcome.RunDirectory is { } folder) ConsoleOutput.Step($"stopped; session files in {folder}");
            return outcome.ExitCode;
        });
        return command;
    }
}
