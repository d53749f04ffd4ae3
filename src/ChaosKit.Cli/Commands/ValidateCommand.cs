using System.CommandLine;
using ChaosKit.Cli.Output;
using ChaosKit.Core.Loading;
using ChaosKit.Core.Scenarios;
using ChaosKit.Runner;

namespace ChaosKit.Cli.Commands;

/// <summary><c>chaoskit validate SCENARIO...</c>: checks scenario files without running them.</summary>
internal static class ValidateCommand
{
    public static Command Build()
    {
        var files = new Argument<string[]>("scenario")
        {
            Description = "Scenario files to check.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("validate", "Check scenario files without running them: exit 0 when all are valid, 2 otherwise." +
            ChaosKitCommand.Examples("chaoskit validate scenarios/*.yaml"))
        {
            files,
        };
        command.SetAction(async (parse, ct) =>
        {
            var allValid = true;
            foreach (var file in parse.GetValue(files) ?? [])
            {
                try
                {
                    var scenario = await ScenarioRunner.LoadAndCheckAsync(file, loadRequired: false, ct);
                    ConsoleOutput.Ok($"{file}: {Summary(scenario)}");
                }
                catch (ScenarioException e)
                {
                    allValid = false;
                    ConsoleOutput.Error(e.Message);
                }
            }
            return allValid ? ExitCodes.Passed : ExitCodes.InvalidInput;
        });
        return command;
    }

    private static string Summary(Scenario s) =>
        $"'{s.Name}', {s.Providers.Count} provider(s), {s.Timeline.Count} phase(s) over {DurationParser.Format(s.TotalDuration)}, " +
        $"{s.Timeline.Sum(p => p.Faults.Count)} fault(s), {s.Expectations.Count} expectation(s)" +
        (s.Load is null ? "; no load section, so for chaoskit serve only" : "");
}
