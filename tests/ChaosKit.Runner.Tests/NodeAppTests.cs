using ChaosKit.Core.Results;

namespace ChaosKit.Runner.Tests;

/// <summary>
/// An app in another language, started by <c>target.command</c>: the Node.js sample in <c>samples/node-chat</c> on the
/// official OpenAI SDK (from the JavaScript SDKs the test command installs), through a real outage and a real crash.
/// </summary>
public sealed class NodeAppTests : IDisposable
{
    private readonly ScenarioFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string Sample => Path.Combine(Repository.Root, "samples", "node-chat");

    // The sample's scenario, with its target pointed at the sample folder and the SDK found where the tests keep it.
    private string Scenario(string extraEnv = "")
    {
        var yaml = File.ReadAllText(Path.Combine(Sample, "chaoskit.yaml"))
            .Replace("  cwd: .                               # this folder",
                $"  cwd: '{Sample}'\n  env:\n    NODE_PATH: '{Path.Combine(Repository.Root, "tests", "ChaosKit.Fakes.Tests", "JsSdks", "node_modules")}'\n{extraEnv}",
                StringComparison.Ordinal);
        return _files.Write(yaml);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_node_app_on_the_official_openai_sdk_is_started_rehearsed_and_traced()
    {
        var outcome = await ScenarioRunner.RunAsync(new RunOptions(Scenario()) { OutputDirectory = _files.Out("node") }, new RecordingObserver(), CancellationToken.None);

        Assert.True(outcome.Error is null, outcome.Error);
        var result = Assert.IsType<RunResult>(outcome.Result);
        Assert.Equal(RunCompletionStatus.Complete, result.Completion.Status);
        Assert.Equal("node server.cjs", result.Target.Command);
        var (baseline, outage) = (result.Phases[0], result.Phases[1]);
        Assert.True(baseline.Stats.Outcomes.Ok > 0, "the app answered from OpenAI in the baseline");
        Assert.True(outage.Stats.Outcomes.Fallback > 0, "and from its stored answer while OpenAI failed");
        Assert.Equal(["500"], outage.ProviderCalls.ByStatus.Keys.Where(s => s != "200"));
        // The app passed the traceparent on: the baseline's requests each caused one call, and the outage's the SDK's
        // retries too (its default is 2, so 3 calls a request).
        Assert.Equal(0, baseline.Trail!.UnattributedCalls);
        Assert.True(baseline.Trail.AttemptsPerRequest["1"] > 0, "baseline requests joined with one call each");
        Assert.True(outage.Trail!.AttemptsPerRequest["3"] > 0, "outage requests joined with the SDK's retries");
        Assert.Contains("node-chat listening", await File.ReadAllTextAsync(Path.Combine(_files.Out("node"), "target.log")));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_node_app_that_dies_mid_run_ends_it_with_exit_3_naming_the_phase_and_keeps_the_results()
    {
        var outcome = await ScenarioRunner.RunAsync(
            new RunOptions(Scenario("    EXIT_ON_PROVIDER_ERROR: '1'\n")) { OutputDirectory = _files.Out("crash") }, new RecordingObserver(), CancellationToken.None);

        Assert.Equal(ExitCodes.HarnessFailure, outcome.ExitCode);
        var result = Assert.IsType<RunResult>(outcome.Result);
        Assert.Equal((RunCompletionStatus.TargetDied, "outage"), (result.Completion.Status, result.Completion.Phase));
        Assert.Equal(7, result.Completion.Numbers["exit_code"]);
        Assert.Contains("outage", outcome.Error, StringComparison.Ordinal);
        Assert.True(result.Phases[0].Stats.Outcomes.Ok > 0, "the baseline measured before the crash is kept");
        foreach (var file in new[] { "result.json", "report.html", "junit.xml", "report.md", "target.log" })
            Assert.True(File.Exists(Path.Combine(_files.Out("crash"), file)), $"{file} written");
    }
}
