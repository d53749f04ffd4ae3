using System.Net;
using System.Net.Sockets;
using ChaosKit.Core.Results;
using ChaosKit.Runner.Targets;

namespace ChaosKit.Runner.Tests;

/// <summary>
/// <c>target.command</c>: a real process ChaosKit starts through the shell (the bundled sample app, or commands that
/// fail), given the fakes' variables and a port, watched through the run and stopped after it.
/// </summary>
public sealed class CommandTargetTests : IDisposable
{
    private readonly ScenarioFiles _files = new();

    public void Dispose() => _files.Dispose();

    // The sample app as a user's command would start it: on $PORT, with its Anthropic URL from target.env.
    private static string SampleAppCommand() =>
        $"\"{Dotnet()}\" \"{Path.Combine(AppContext.BaseDirectory, BundledSampleTarget.AssemblyFile)}\" --urls \"http://127.0.0.1:$PORT\"";

    private static string Target(string command, string extra = "") =>
        $"target:\n  command: '{command.Replace("'", "''", StringComparison.Ordinal)}'\n  ready: {{ path: /healthz, timeout: 30s }}\n{extra}";

    [Fact(Timeout = 180_000)]
    public async Task A_command_gets_the_fakes_variables_and_a_port_runs_as_the_target_and_is_stopped_after_the_run()
    {
        var command = "echo \"llm=$LLM_URL port=$PORT key=${ANTHROPIC_API_KEY:+set}\" && exec " + SampleAppCommand();
        var path = _files.Write(ScenarioFiles.Outage(phaseDuration: "1s", target: Target(command, "  env:\n    LLM_URL: ${ANTHROPIC_BASE_URL}/v1")));

        var outcome = await ScenarioRunner.RunAsync(new RunOptions(path) { OutputDirectory = _files.Out("command") }, new RecordingObserver(), CancellationToken.None);

        Assert.True(outcome.Error is null, outcome.Error);
        var result = Assert.IsType<RunResult>(outcome.Result);
        Assert.Equal(RunCompletionStatus.Complete, result.Completion.Status);
        Assert.Equal((false, command, "target.log"), (result.Target.Bundled, result.Target.Command, result.Target.Log));
        // The reports link the app's output.
        Assert.Contains("its output is in [target.log](target.log)", await File.ReadAllTextAsync(Path.Combine(_files.Out("command"), "report.md")));
        Assert.Contains("<a href=\"target.log\">its output</a>", await File.ReadAllTextAsync(Path.Combine(_files.Out("command"), "report.html")));
        Assert.True(result.Phases[0].Stats.Outcomes.Ok > 0, "the command's app answered the baseline");
        Assert.True(result.Phases[1].Stats.Outcomes.Fallback > 0, "and fell back in the outage, so it called the fake");
        var log = await File.ReadAllTextAsync(Path.Combine(_files.Out("command"), "target.log"));
        var port = new Uri(result.Target.Url).Port;
        Assert.Contains($"llm={result.Providers[0].BaseUrl.TrimEnd('/')}/v1 port={port} key=set", log);
        // Stopped: nothing listens on its port any more.
        using var probe = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => probe.ConnectAsync(IPAddress.Loopback, port));
    }

    [Fact(Timeout = 120_000)]
    public async Task With_a_target_url_the_commands_port_is_the_urls()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var path = _files.Write(ScenarioFiles.Outage(phaseDuration: "1s", target: Target(SampleAppCommand(), $"  url: http://127.0.0.1:{port}\n")));

        var outcome = await ScenarioRunner.RunAsync(new RunOptions(path) { OutputDirectory = _files.Out("url") }, new RecordingObserver(), CancellationToken.None);

        Assert.True(outcome.Error is null, outcome.Error); // it listened on $PORT, and became ready at the URL
        Assert.Equal($"http://127.0.0.1:{port}/", Assert.IsType<RunResult>(outcome.Result).Target.Url);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_command_that_does_not_start_is_a_harness_failure_with_its_exit_code_and_last_output()
    {
        var path = _files.Write(ScenarioFiles.Outage(target: Target("no-such-command-for-chaoskit --serve")));

        var outcome = await ScenarioRunner.RunAsync(new RunOptions(path) { OutputDirectory = _files.Out("missing") }, new RecordingObserver(), CancellationToken.None);

        Assert.Equal(ExitCodes.HarnessFailure, outcome.ExitCode);
        Assert.Null(outcome.Result);
        Assert.StartsWith("the target command 'no-such-command-for-chaoskit --serve' exited with code 127 before it was ready (last output: ", outcome.Error);
        Assert.Contains("not found", outcome.Error);
        Assert.Contains("target.log", outcome.Error);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_command_that_never_becomes_ready_is_a_harness_failure_once_its_ready_timeout_passes()
    {
        var path = _files.Write(ScenarioFiles.Outage(target: "target:\n  command: sleep 60\n  ready: { path: /healthz, timeout: 2s }\n"));

        var outcome = await ScenarioRunner.RunAsync(new RunOptions(path) { OutputDirectory = _files.Out("silent") }, new RecordingObserver(), CancellationToken.None);

        Assert.Equal(ExitCodes.HarnessFailure, outcome.ExitCode);
        Assert.Matches(@"^the target command 'sleep 60' did not answer http://127\.0\.0\.1:\d+/healthz with a 2xx within 2s \(no output\); see ", outcome.Error);
    }

    [Fact(Timeout = 180_000)]
    public async Task An_app_that_exits_during_the_run_stops_it_with_exit_3_naming_the_phase_and_its_exit_code_and_keeps_the_results()
    {
        // The command runs the app until a file appears, then stops it and exits 9; the test makes the file 3.5 s
        // into the 9 s timeline, in the outage, whatever the host's speed before the run.
        var stop = _files.Out("stop-now");
        var command = SampleAppCommand() + $" & app=$!; while [ ! -e \"{stop}\" ]; do sleep 0.1; done; kill $app; wait $app; exit 9";
        var path = _files.Write(ScenarioFiles.Outage(phaseDuration: "3s", target: Target(command)));
        var observer = new RecordingObserver(started => _ = Task.Delay(3500).ContinueWith(_ => File.WriteAllText(stop, ""), TaskScheduler.Default));

        var outcome = await ScenarioRunner.RunAsync(new RunOptions(path) { OutputDirectory = _files.Out("died") }, observer, CancellationToken.None);

        Assert.Equal(ExitCodes.HarnessFailure, outcome.ExitCode);
        Assert.StartsWith("The target died in phase 'outage', ", outcome.Error);
        Assert.Contains("exited with code 9", outcome.Error);
        var result = Assert.IsType<RunResult>(outcome.Result);
        Assert.Equal((RunCompletionStatus.TargetDied, 9.0), (result.Completion.Status, result.Completion["exit_code"]));
        Assert.True(result.Phases[0].Stats.Outcomes.Ok > 0, "what was measured before it died is kept");
        foreach (var file in new[] { "result.json", "report.html", "junit.xml", "report.md" })
            Assert.True(File.Exists(Path.Combine(_files.Out("died"), file)), file);
    }

    // The dotnet host running the tests (testhost is not one); the dotnet on the PATH otherwise.
    private static string Dotnet() =>
        Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
}
