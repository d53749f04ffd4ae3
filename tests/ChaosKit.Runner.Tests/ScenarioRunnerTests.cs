using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ChaosKit.Core.Results;

namespace ChaosKit.Runner.Tests;

/// <summary>
/// End-to-end runs on real parts: the fakes on loopback, the bundled sample app as a child process using the
/// official Anthropic SDK, the load engine, and the exporters. One class, so runs do not compete for the cores.
/// </summary>
public sealed class ScenarioRunnerTests : IDisposable
{
    private readonly ScenarioFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task An_outage_run_measures_each_phase_scores_it_and_writes_both_files()
    {
        var path = _files.Write(ScenarioFiles.Outage(expect: "  - outage.p95 < 1ms\n  - step.request.runs >= 1\n  - outage.step.load.request.p95 < 30s"));
        var observer = new RecordingObserver();

        var outcome = await ScenarioRunner.RunAsync(new RunOptions(path) { OutputDirectory = _files.Out("run") }, observer, CancellationToken.None);

        Assert.Null(outcome.Error);
        var result = Assert.IsType<ChaosKit.Core.Results.RunResult>(outcome.Result);
        Assert.Equal(["baseline", "outage", "recovery"], result.Phases.Select(p => p.Name));

        // Requests count in the phase of their scheduled start, but meet the fault of the moment they reach the fake:
        // on a busy host (the suite runs test classes side by side) the app has reached it over a second late, so
        // which phase's requests met the outage depends on the host. What does not: every call that reached the
        // fake during the outage got the 529 (and no call outside it did), should_retry: false stops the SDK's
        // retries, so each of those calls is one request answered from the app's fallback, and nothing failed.
        var (baseline, outage, recovery) = (result.Phases[0], result.Phases[1], result.Phases[2]);
        Assert.Equal(30, baseline.Stats.Outcomes.Scheduled);
        Assert.Equal(["200"], baseline.ProviderCalls.ByStatus.Keys);
        Assert.True(outage.ProviderCalls.Total > 0, "calls reached the fake during the outage");
        Assert.Equal(outage.ProviderCalls.Total, outage.ProviderCalls.ByStatus["529"]);
        Assert.Equal(["200"], recovery.ProviderCalls.ByStatus.Keys);
        Assert.Equal(0, result.Phases.Sum(p => p.ProviderCalls.Retries));
        Assert.Equal(outage.ProviderCalls.Total, result.Phases.Sum(p => p.Stats.Outcomes.Fallback));
        Assert.All(result.Phases, p => Assert.Equal(p.Stats.Outcomes.Scheduled, p.Stats.Outcomes.Ok + p.Stats.Outcomes.Fallback));

        // A one-request load runs as one workflow of one step, with the profile it ran as data.
        var workflow = Assert.Single(result.Workflows);
        Assert.Equal(("load", "request"), (workflow.Name, Assert.Single(workflow.Steps).Step));
        Assert.Equal(result.Overall.Outcomes, workflow.Overall.Outcomes);
        Assert.Equal(result.Overall.Outcomes.Scheduled, result.Steps[0].Counts.Ran);
        var profile = Assert.Single(Assert.Single(result.Load.Profile).Simulations);
        Assert.Equal(("inject", result.Load.RatePerSecond), (profile.Kind, profile["rate"]));
        Assert.Equal("open", result.Load.Model);

        Assert.InRange(result.Score.Total, 1, 100);
        Assert.True(result.Expectations[0].Passed, result.Expectations[0].Detail);
        Assert.False(result.Expectations[1].Passed, "a 1 ms p95 cannot hold");
        Assert.Equal(ExitCodes.ExpectationFailed, outcome.ExitCode);
        // Expectations may name the one-request load's step, and read its figures, whole or in a phase.
        Assert.True(result.Expectations[2].Passed, result.Expectations[2].Detail);
        Assert.Equal(result.Steps[0].Counts.Ran, result.Expectations[2].Actual);
        Assert.True(result.Expectations[3].Passed, result.Expectations[3].Detail);
        Assert.Equal(outage.Steps.Single().ServedLatency.P95Ms, result.Expectations[3].Actual);

        var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_files.Out("run"), "result.json")));
        Assert.Equal(outage.Stats.Outcomes.Fallback, json.RootElement.GetProperty("phases")[1].GetProperty("stats").GetProperty("outcomes").GetProperty("fallback").GetInt64());
        Assert.True(File.Exists(Path.Combine(_files.Out("run"), "report.html")));
        // The failed expectation reaches CI as a failed JUnit test case and the Markdown summary as a failed row.
        var junit = System.Xml.Linq.XDocument.Load(Path.Combine(_files.Out("run"), "junit.xml"));
        Assert.Equal("1", junit.Root!.Attribute("failures")!.Value);
        Assert.Contains("| ❌ |", await File.ReadAllTextAsync(Path.Combine(_files.Out("run"), "report.md")));
        Assert.Contains("Claude failed", await File.ReadAllTextAsync(Path.Combine(_files.Out("run"), "target.log")));
    }

    [Fact]
    public async Task A_two_step_workflow_captures_the_answer_id_reads_it_back_and_reports_each_step()
    {
        var scenario = Path.Combine(Repository.Root, "scenarios", "ask-and-read-back.yaml");
        var options = new RunOptions(scenario) { OutputDirectory = _files.Out("workflow"), TimeScale = 0.15 };

        var outcome = await ScenarioRunner.RunAsync(options, new RecordingObserver(), CancellationToken.None);

        Assert.Null(outcome.Error);
        var result = Assert.IsType<ChaosKit.Core.Results.RunResult>(outcome.Result);
        Assert.Equal(["ask-and-read/ask", "ask-and-read/history", "stream/ask-stream"], result.Steps.Select(s => $"{s.Workflow}/{s.Step}"));
        Assert.Equal(["ask-and-read", "stream"], result.Workflows.Select(w => w.Name));

        // The history step's path is built from the id the ask step captured, and its json_equals check compares the
        // returned id with the capture: every history run that passed proves the capture flowed.
        var baseline = result.Phases[0].Steps;
        var ask = baseline.Single(s => s.Step == "ask");
        var history = baseline.Single(s => s.Step == "history");
        Assert.True(ask.Counts.Ok > 0, "the baseline asked questions");
        Assert.Equal(ask.Counts.Ok + ask.Counts.Fallback, history.Counts.Ran);
        Assert.Equal(history.Counts.Ran, history.Counts.Ok);
        Assert.Empty(history.Failures);
        Assert.Equal(history.Counts.Ran, history.StatusCodes["200"]);

        // The streaming endpoint answers with server-sent events, so its time to first byte is measured apart.
        var stream = result.Steps.Single(s => s.Step == "ask-stream");
        Assert.True(stream.TimeToFirstByte.Count > 0, "a streamed step records its time to first byte");
        Assert.True(stream.TimeToFirstByte.MaxMs <= stream.Latency.MaxMs);
        Assert.Equal(0, ask.TimeToFirstByte.Count);

        var stepExpectation = result.Expectations.Single(e => e.Text.StartsWith("step.history", StringComparison.Ordinal));
        Assert.True(stepExpectation.Passed, stepExpectation.Detail);
        Assert.NotNull(result.Expectations.Single(e => e.Text.StartsWith("recovery.step.ask.p99.9", StringComparison.Ordinal)).Actual);

        var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_files.Out("workflow"), "result.json"))).RootElement;
        Assert.Equal(3, json.GetProperty("steps").GetArrayLength());
        Assert.Equal("history", json.GetProperty("phases")[0].GetProperty("steps")[1].GetProperty("step").GetString());
        Assert.True(json.GetProperty("overall").GetProperty("latency").TryGetProperty("p75Ms", out _));
        Assert.Contains("Workflow steps", await File.ReadAllTextAsync(Path.Combine(_files.Out("workflow"), "report.html")));
    }

    [Fact]
    public async Task Compare_with_runs_the_reference_profile_first_with_the_same_traffic_and_judges_the_other()
    {
        var path = _files.Write("""
            name: two-builds
            seed: 11
            providers:
              - name: claude
                kind: anthropic
              - name: openai
                kind: openai
            timeline:
              - name: baseline
                duration: 2s
              - name: outage
                duration: 4s
                faults:
                  - kind: error
                    provider: claude
                    status: 529
            target:
              profile: resilient
              compare_with: naive
            load:
              rate: 10
              timeout: 10s
              request:
                method: POST
                path: /api/ask
                json:
                  question: "{{lorem.sentence}}"
              fallback: { header: X-Answer-Source, value: fallback }
            expect:
              - outage.availability >= 90%
            """);
        var observer = new RecordingObserver();

        var outcome = await ScenarioRunner.RunAsync(new RunOptions(path) { OutputDirectory = _files.Out("compare") }, observer, CancellationToken.None);

        var (judged, reference) = (Assert.IsType<RunResult>(outcome.Result), Assert.IsType<RunResult>(outcome.Reference?.Result));
        Assert.Equal(("resilient", "naive"), (judged.Target.Profile, reference.Target.Profile));
        Assert.Equal(Path.Combine(_files.Out("compare"), "reference-naive"), outcome.Reference!.OutputDirectory);
        Assert.True(File.Exists(Path.Combine(outcome.Reference.OutputDirectory!, "result.json")));
        // The same seed sends the same traffic to both builds.
        Assert.Equal(reference.Phases.Select(p => p.Stats.Outcomes.Scheduled), judged.Phases.Select(p => p.Stats.Outcomes.Scheduled));
        // The naive build has nowhere to go while Claude is down; the resilient one answers from OpenAI.
        Assert.True(judged.Phases[1].Stats.Outcomes.Availability > reference.Phases[1].Stats.Outcomes.Availability,
            $"resilient {judged.Phases[1].Stats.Outcomes.Availability} vs naive {reference.Phases[1].Stats.Outcomes.Availability}");
        Assert.True(judged.Score.Total > reference.Score.Total, $"resilient {judged.Score.Total} vs naive {reference.Score.Total}");
        Assert.True(judged.Phases[1].Trail!.ServedBy[ServedByNames.OtherProvider] > 0,
            "the resilient build was served by OpenAI during the outage; served by, per phase: "
            + string.Join(" | ", judged.Phases.Select(p => string.Join(", ", p.Trail?.ServedBy.Select(s => $"{s.Key} {s.Value}") ?? [])))
            + "; calls, per phase: " + string.Join(" | ", judged.Phases.Select(p => string.Join(", ", p.ProviderCalls.ByProvider.Select(c => $"{c.Key} {c.Value.Total}")))));
        // The exit code is the judged run's; its reports link the reference's and the comparison written beside them.
        Assert.Equal(judged.Passed ? ExitCodes.Passed : ExitCodes.ExpectationFailed, outcome.ExitCode);
        Assert.Equal(new ComparedWith("naive", "reference-naive", "compare.html"), judged.ComparedWith);
        Assert.True(File.Exists(Path.Combine(_files.Out("compare"), "compare.html")));
        Assert.Contains("href=\"reference-naive/report.html\"", await File.ReadAllTextAsync(Path.Combine(_files.Out("compare"), "report.html")));
    }

    [Fact]
    public async Task A_phase_the_load_pauses_in_has_no_availability_and_its_expectation_fails_with_no_data()
    {
        var path = _files.Write("""
            name: paused
            seed: 3
            providers:
              - name: claude
                kind: anthropic
            timeline:
              - name: baseline
                duration: 1500ms
              - name: quiet
                duration: 1500ms
            load:
              simulations:
                - inject: { rate: 20, interval: 1s, during: 1500ms }
                - pause: { during: 1500ms }
              request:
                method: POST
                path: /api/ask
                json:
                  question: "{{lorem.sentence}}"
            expect:
              - baseline.availability >= 95%
              - quiet.availability >= 95%
            """);

        var outcome = await ScenarioRunner.RunAsync(new RunOptions(path) { OutputDirectory = _files.Out("pause") }, new RecordingObserver(), CancellationToken.None);

        Assert.Equal(ExitCodes.ExpectationFailed, outcome.ExitCode);
        var result = Assert.IsType<ChaosKit.Core.Results.RunResult>(outcome.Result);
        Assert.Equal(0, result.Phases[1].Stats.Outcomes.Scheduled);
        Assert.Null(result.Phases[1].Stats.Outcomes.Availability);
        Assert.True(result.Expectations[0].Passed, result.Expectations[0].Detail);
        var quiet = result.Expectations[1];
        Assert.False(quiet.Passed, "a phase that scheduled nothing has no availability to hold");
        Assert.Equal(("no data", "failed: no data (nothing was scheduled in phase 'quiet')"), (quiet.Display, quiet.Detail));

        var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_files.Out("pause"), "result.json"))).RootElement;
        Assert.Equal(JsonValueKind.Null, json.GetProperty("phases")[1].GetProperty("stats").GetProperty("outcomes").GetProperty("availability").ValueKind);
        Assert.Contains("| quiet | — | 0 | 0 | no data |", await File.ReadAllTextAsync(Path.Combine(_files.Out("pause"), "report.md")));
    }

    [Fact]
    public async Task A_target_that_crashes_mid_run_ends_the_run_with_exit_3_and_keeps_what_was_measured()
    {
        var path = _files.Write(ScenarioFiles.Outage(phaseDuration: "3s"));
        var observer = new RecordingObserver(o => _ = KillSampleAppSoon(o.SampleAppUrl));

        var outcome = await ScenarioRunner.RunAsync(new RunOptions(path) { OutputDirectory = _files.Out("crash") }, observer, CancellationToken.None);

        Assert.Equal(ExitCodes.HarnessFailure, outcome.ExitCode);
        Assert.Contains("the bundled sample app exited with code", outcome.Error);
        var result = Assert.IsType<ChaosKit.Core.Results.RunResult>(outcome.Result);
        // Its process is watched: the completion names the phase it died in and its exit code.
        Assert.StartsWith("The target died in phase 'baseline', ", outcome.Error);
        Assert.Equal((RunCompletionStatus.TargetDied, "baseline"), (result.Completion.Status, result.Completion.Phase));
        Assert.False(double.IsNaN(result.Completion["exit_code"]), "the exit code is kept");
        Assert.InRange(result.Overall.Outcomes.Scheduled, 1, 170);
        Assert.True(result.Phases[0].Stats.Outcomes.Ok > 0, "requests before the crash are kept");
        Assert.True(File.Exists(Path.Combine(_files.Out("crash"), "result.json")));
        Assert.True(File.Exists(Path.Combine(_files.Out("crash"), "report.html")));
    }

    [Fact]
    public async Task Ctrl_c_stops_the_load_and_still_scores_and_writes_the_partial_run()
    {
        var path = _files.Write(ScenarioFiles.Outage(phaseDuration: "5s"));
        using var ctrlC = new CancellationTokenSource();
        var observer = new RecordingObserver(_ => ctrlC.CancelAfter(TimeSpan.FromSeconds(1.5)));

        var outcome = await ScenarioRunner.RunAsync(new RunOptions(path) { OutputDirectory = _files.Out("interrupted") }, observer, ctrlC.Token);

        Assert.Equal(ExitCodes.Interrupted, outcome.ExitCode);
        var result = Assert.IsType<ChaosKit.Core.Results.RunResult>(outcome.Result);
        // Some of the 15 s were measured and kept, not all: how many arrive in 1.5 s depends on how busy the host is.
        Assert.InRange(result.Overall.Outcomes.Scheduled, 1, 150);
        Assert.Equal(ChaosKit.Core.Results.RunCompletionStatus.Cancelled, result.Completion.Status);
        Assert.True(File.Exists(Path.Combine(_files.Out("interrupted"), "result.json")));
        Assert.True(observer.LoadStopped);
    }

    [Fact]
    public async Task An_unreachable_target_url_fails_fast_with_exit_3_and_says_how_to_fix_it()
    {
        var path = _files.Write(ScenarioFiles.Outage());
        var closedPort = UnusedPort();

        var outcome = await ScenarioRunner.RunAsync(
            new RunOptions(path) { OutputDirectory = _files.Out("unreachable"), TargetUrl = new Uri($"http://127.0.0.1:{closedPort}") },
            new RecordingObserver(), CancellationToken.None);

        Assert.Equal(ExitCodes.HarnessFailure, outcome.ExitCode);
        Assert.Null(outcome.Result);
        Assert.Equal($"target http://127.0.0.1:{closedPort}/ is unreachable (ConnectionRefused); start your app there, or fix target.url / --target-url", outcome.Error);
    }

    [Fact]
    public async Task An_external_target_killed_mid_run_stops_the_run_with_exit_3_naming_the_phase_and_keeps_what_was_measured()
    {
        // The app under test is a real process ChaosKit did not start: the bundled sample app, run by the test and
        // pointed at the scenario's fake (on a port fixed up front). It is killed in the outage.
        var fakePort = UnusedPort();
        await using var app = await SampleAppProcess.StartAsync(fakePort);
        var path = _files.Write(ScenarioFiles.Outage(
            phaseDuration: "3s", port: fakePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            target: $"target:\n  url: {app.BaseUrl}\n  health_path: /healthz", expect: "  - recovery.p95 < 2s"));
        var observer = new RecordingObserver(o => _ = app.KillAfterAsync(TimeSpan.FromSeconds(3.5)));

        var outcome = await ScenarioRunner.RunAsync(new RunOptions(path) { OutputDirectory = _files.Out("killed") }, observer, CancellationToken.None);

        Assert.Equal(ExitCodes.HarnessFailure, outcome.ExitCode);
        Assert.StartsWith("The target died in phase 'outage', ", outcome.Error);
        Assert.Contains($"stopped answering: GET {app.BaseUrl}healthz got no answer 3 times in a row (ConnectionRefused)", outcome.Error);
        var result = Assert.IsType<ChaosKit.Core.Results.RunResult>(outcome.Result);
        var completion = result.Completion;
        Assert.Equal((RunCompletionStatus.TargetDied, "outage", 3.0), (completion.Status, completion.Phase, completion["missed_probes"]));
        Assert.InRange(completion["at_seconds"], 3, 6);
        Assert.True(result.Phases[0].Stats.Outcomes.Ok > 0, "the baseline before the kill is kept");
        Assert.False(result.Passed);
        // What the dead target "answered" after the kill are instant refusals: no request was served, so no p95 holds.
        var recovery = Assert.Single(result.Expectations, e => e.Text == "recovery.p95 < 2s");
        Assert.False(recovery.Passed, recovery.Detail);
        Assert.StartsWith("failed: no data", recovery.Detail);

        var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_files.Out("killed"), "result.json"))).RootElement.GetProperty("completion");
        Assert.Equal(("target_died", "outage"), (json.GetProperty("status").GetString(), json.GetProperty("phase").GetString()));
        Assert.Equal(3, json.GetProperty("numbers").GetProperty("missed_probes").GetDouble());
        Assert.Contains("Stopped early", await File.ReadAllTextAsync(Path.Combine(_files.Out("killed"), "report.md")));
        Assert.Contains("Stopped early", await File.ReadAllTextAsync(Path.Combine(_files.Out("killed"), "report.html")));
        var junit = System.Xml.Linq.XDocument.Load(Path.Combine(_files.Out("killed"), "junit.xml"));
        Assert.Equal("1", junit.Root!.Attribute("errors")!.Value);
    }

    [Fact]
    public async Task A_target_that_accepts_connections_and_never_answers_fails_the_readiness_check_with_exit_3()
    {
        // The kernel accepts connections into the backlog; nothing ever reads or answers them.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var url = new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}");
        var path = _files.Write(ScenarioFiles.Outage());

        var outcome = await ScenarioRunner.RunAsync(
            new RunOptions(path) { OutputDirectory = _files.Out("silent"), TargetUrl = url }, new RecordingObserver(), CancellationToken.None);

        Assert.Equal(ExitCodes.HarnessFailure, outcome.ExitCode);
        Assert.Null(outcome.Result);
        Assert.Equal($"target {url} is unreachable (no HTTP answer within 5s); start your app there, or fix target.url / --target-url", outcome.Error);
    }

    [Fact]
    public async Task A_provider_port_in_use_is_a_harness_failure_naming_the_setting_the_port_and_the_fix()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var path = _files.Write(ScenarioFiles.Outage(port: port.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var outcome = await ScenarioRunner.RunAsync(new RunOptions(path) { OutputDirectory = _files.Out("port") }, new RecordingObserver(), CancellationToken.None);

        Assert.Equal(ExitCodes.HarnessFailure, outcome.ExitCode);
        Assert.Null(outcome.Result);
        Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(path)}:\d+:\d+: providers\[0\]\.port: provider 'claude' cannot listen on 127\.0\.0\.1:{port} because the port is already in use", outcome.Error);
    }

    [Theory]
    [InlineData(1e-300)]
    [InlineData(0.009)]
    [InlineData(101)]
    public async Task A_time_scale_out_of_range_is_invalid_input_and_runs_nothing(double scale)
    {
        var path = _files.Write(ScenarioFiles.Outage());

        var outcome = await ScenarioRunner.RunAsync(
            new RunOptions(path) { OutputDirectory = _files.Out("scale"), TimeScale = scale }, new RecordingObserver(), CancellationToken.None);

        Assert.Equal(ExitCodes.InvalidInput, outcome.ExitCode);
        Assert.EndsWith("use a number from 0.01 to 100", outcome.Error);
        Assert.False(Directory.Exists(_files.Out("scale")));
    }

    [Fact]
    public async Task A_time_scale_that_stretches_the_load_past_the_iteration_limit_is_invalid_input()
    {
        // 100,000 a second over 60 s is 6 million iterations, within the limit the loader checks; stretched 100 times, not.
        var path = _files.Write(ScenarioFiles.Outage(phaseDuration: "20s", rate: 100_000));

        var outcome = await ScenarioRunner.RunAsync(
            new RunOptions(path) { OutputDirectory = _files.Out("stretched"), TimeScale = 100 }, new RecordingObserver(), CancellationToken.None);

        Assert.Equal(ExitCodes.InvalidInput, outcome.ExitCode);
        Assert.Equal(
            "--time-scale 100 stretches the timeline to 1h40m, in which the load could schedule 600000000 iterations; the limit is 100000000; use a smaller time scale",
            outcome.Error);
        Assert.False(Directory.Exists(_files.Out("stretched")));
    }

    [Fact]
    public async Task An_invalid_scenario_runs_nothing_and_names_the_line()
    {
        var path = _files.Write(ScenarioFiles.Outage().Replace("status: 529", "status: 52x"));

        var outcome = await ScenarioRunner.RunAsync(new RunOptions(path), new RecordingObserver(), CancellationToken.None);

        Assert.Equal(ExitCodes.InvalidInput, outcome.ExitCode);
        Assert.StartsWith($"{path}:15:", outcome.Error);
        Assert.Contains("timeline[1].faults[0].status", outcome.Error);
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Kills the sample app serving <paramref name="url"/> a moment after the load starts, as a crash would.</summary>
    private static async Task KillSampleAppSoon(Uri url)
    {
        await Task.Delay(TimeSpan.FromSeconds(1));
        var needle = $"127.0.0.1:{url.Port}";
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            string cmdline;
            try
            {
                cmdline = (await File.ReadAllTextAsync(Path.Combine(dir, "cmdline"))).Replace('\0', ' ');
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }
            if (cmdline.Contains("ChaosKit.SampleApp.dll", StringComparison.Ordinal) && cmdline.Contains(needle, StringComparison.Ordinal))
                System.Diagnostics.Process.GetProcessById(pid).Kill();
        }
    }
}
