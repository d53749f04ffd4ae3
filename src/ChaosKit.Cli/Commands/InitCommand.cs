using System.CommandLine;
using ChaosKit.Cli.Output;
using ChaosKit.Runner;

namespace ChaosKit.Cli.Commands;

/// <summary>
/// <c>chaoskit init [FILE] [--target-url URL | --target-command CMD] [--provider KINDS]</c>: writes a starter scenario for the user's app,
/// with comments, that validates as written.
/// </summary>
internal static class InitCommand
{
    private const string DefaultFile = "chaoskit.yaml";

    public static Command Build()
    {
        var file = new Argument<string>("file")
        {
            Description = $"Where to write the scenario. Default: {DefaultFile}.",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => DefaultFile,
        };
        var targetUrl = Flags.TargetUrl("Where your app runs; without it (or --target-command) the scenario targets ChaosKit's bundled sample app.");
        var targetCommand = new Option<string?>("--target-command")
        {
            Description = "The command that starts your app, for ChaosKit to start and stop around each run (it listens on $PORT).",
            HelpName = "CMD",
        };
        var providers = new Option<string[]>("--provider")
        {
            Description = $"The providers your app calls, comma-separated, first the one that fails: {string.Join(", ", Kinds)}. Default: anthropic.",
            HelpName = "KINDS",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => ["anthropic"],
        };
        var force = new Option<bool>("--force") { Description = "Overwrite the file if it exists." };

        var command = new Command("init", "Write a starter scenario for your app: an outage of its first provider, load, expectations, " +
            "each part commented. It validates as written; edit the request to match your app's route. Exit 0 when written, 2 otherwise." +
            ChaosKitCommand.Examples(
                "chaoskit init",
                "chaoskit init my-outage.yaml --target-url http://127.0.0.1:5000 --provider openai,anthropic",
                "chaoskit init --target-command 'node server.js' --provider openai"))
        {
            file, targetUrl, targetCommand, providers, force,
        };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file) ?? DefaultFile;
            var kinds = (parse.GetValue(providers) ?? []).SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
            if (kinds.FirstOrDefault(k => !Kinds.Contains(k)) is { } unknown)
            {
                ConsoleOutput.Error($"--provider: unknown provider kind '{unknown}'; use {string.Join(", ", Kinds)}");
                return ExitCodes.InvalidInput;
            }
            if (kinds.Length == 0 || kinds.Distinct(StringComparer.Ordinal).Count() != kinds.Length)
            {
                ConsoleOutput.Error($"--provider: name each provider kind once, e.g. --provider openai,anthropic");
                return ExitCodes.InvalidInput;
            }
            if (File.Exists(path) && !parse.GetValue(force))
            {
                ConsoleOutput.Error($"{path} exists; pass --force to overwrite it, or name another file");
                return ExitCodes.InvalidInput;
            }
            if (Directory.Exists(path))
            {
                ConsoleOutput.Error($"{path} is a directory; name a file, e.g. {Path.Combine(path, DefaultFile)}");
                return ExitCodes.InvalidInput;
            }
            try
            {
                var target = new StarterScenario.Target(parse.GetValue(targetUrl), parse.GetValue(targetCommand) is { Length: > 0 } c ? c : null);
                await File.WriteAllTextAsync(path, StarterScenario.Write(Path.GetFileNameWithoutExtension(path), kinds, target), ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                ConsoleOutput.Error($"cannot write {path}: {e.Message}");
                return ExitCodes.InvalidInput;
            }
            ConsoleOutput.Ok($"wrote {path}; check it with 'chaoskit validate {path}', run it with 'chaoskit run {path}'");
            return ExitCodes.Passed;
        });
        return command;
    }

    private static IReadOnlyCollection<string> Kinds => ScenarioRunner.Catalogs.Providers!.Kinds;
}
