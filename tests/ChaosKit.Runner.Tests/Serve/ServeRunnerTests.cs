using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ChaosKit.Runner.Serve;

namespace ChaosKit.Runner.Tests.Serve;

public sealed class ServeRunnerTests : IDisposable
{
    private readonly ScenarioFiles _files = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public void Dispose()
    {
        _http.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task Serve_prints_the_environment_follows_control_commands_and_stops_cleanly()
    {
        var envFile = _files.Out("fakes.env");
        var runDirectory = _files.Out("session");
        var observer = new ReadyObserver();
        var options = new ServeOptions(_files.Write(ScenarioFiles.Outage(phaseDuration: "1h"))) { EnvFile = envFile, RunDirectory = runDirectory };

        var serving = ServeRunner.RunAsync(options, observer, CancellationToken.None);
        var session = await observer.Ready.WaitAsync(TimeSpan.FromSeconds(30));

        var lines = await File.ReadAllLinesAsync(envFile);
        Assert.Contains(lines, l => l.StartsWith("ANTHROPIC_BASE_URL=http://127.0.0.1:", StringComparison.Ordinal));
        Assert.Contains($"{ServeRunner.ControlUrlVariable}={session.ControlUrl}", lines);
        var control = session.ControlUrl.ToString();
        var fake = session.Environment["ANTHROPIC_BASE_URL"];

        Assert.Equal(HttpStatusCode.OK, await StatusOfModelsAsync(fake));

        var jumped = await PostAsync($"{control}/phase/outage");
        Assert.Equal("outage", jumped.GetProperty("phase").GetProperty("name").GetString());
        Assert.Equal((HttpStatusCode)529, await StatusOfModelsAsync(fake));

        using var page = await _http.GetAsync($"{session.Environment[ChaosKit.Runner.Targets.ProviderEnvironment.StatusPageVariablePrefix + "CLAUDE"]}/api/v2/status.json");
        Assert.Contains("\"indicator\":\"major\"", await page.Content.ReadAsStringAsync());

        var paused = await PostAsync($"{control}/pause");
        Assert.Equal("paused", paused.GetProperty("state").GetString());

        await PostAsync($"{control}/phase/3");
        Assert.Equal(HttpStatusCode.OK, await StatusOfModelsAsync(fake));
        var live = await PostAsync($"{control}/faults", """{"kind":"error","status":503}""");
        Assert.Equal(1, live.GetProperty("live_faults").GetArrayLength());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusOfModelsAsync(fake));

        using var unknown = await _http.PostAsync($"{control}/phase/nope", null);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("1 baseline, 2 outage, 3 recovery", await unknown.Content.ReadAsStringAsync());
        using var badFault = await _http.PostAsync($"{control}/faults", new StringContent("""{"kind":"eror"}""", Encoding.UTF8, "application/json"));
        Assert.Contains("did you mean 'error'", await badFault.Content.ReadAsStringAsync());
        using var badRate = await _http.PostAsync($"{control}/faults", new StringContent("""{"kind":"error","status":503,"rate":1.5}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, badRate.StatusCode);
        Assert.Contains("rate: 1.5 is out of range; it must be between 0 and 1", await badRate.Content.ReadAsStringAsync());

        await PostAsync($"{control}/stop");
        var outcome = await serving.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExitCodes.Passed, outcome.ExitCode);
        var log = await File.ReadAllTextAsync(Path.Combine(runDirectory, "serve.log"));
        Assert.Contains("jumping to phase 2 outage", log);
        Assert.Contains("switched on: error (status 503)", log);
        Assert.Contains("\"status\":529", await File.ReadAllTextAsync(Path.Combine(runDirectory, "journal.jsonl")));
    }

    [Fact]
    public async Task Ctrl_c_stops_the_session_with_exit_0()
    {
        var observer = new ReadyObserver();
        using var cancel = new CancellationTokenSource();
        var options = new ServeOptions(_files.Write(ScenarioFiles.Outage())) { RunDirectory = _files.Out("ctrl-c") };

        var serving = ServeRunner.RunAsync(options, observer, cancel.Token);
        await observer.Ready.WaitAsync(TimeSpan.FromSeconds(30));
        await cancel.CancelAsync();
        var outcome = await serving.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExitCodes.Passed, outcome.ExitCode);
        Assert.True(File.Exists(Path.Combine(_files.Out("ctrl-c"), "serve.log")));
    }

    [Fact]
    public async Task A_scenario_without_load_is_served_but_not_run()
    {
        // serve drives no traffic, so a scenario written only to serve the fakes needs no load section; run does.
        var path = _files.Write(ScenarioFiles.WithoutLoad(ScenarioFiles.Outage()));
        var observer = new ReadyObserver();
        using var cancel = new CancellationTokenSource();

        var serving = ServeRunner.RunAsync(new ServeOptions(path) { RunDirectory = _files.Out("no-load") }, observer, cancel.Token);
        var session = await observer.Ready.WaitAsync(TimeSpan.FromSeconds(30));
        var status = await StatusOfModelsAsync(session.Environment["ANTHROPIC_BASE_URL"]);
        await cancel.CancelAsync();
        var served = await serving.WaitAsync(TimeSpan.FromSeconds(30));
        var run = await ScenarioRunner.RunAsync(new RunOptions(path) { OutputDirectory = _files.Out("no-load-run") }, new RecordingObserver(), CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(ExitCodes.Passed, served.ExitCode);
        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.StartsWith($"{path}:1:1: load: missing required field", run.Error, StringComparison.Ordinal);
        Assert.Contains("chaoskit serve", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_control_port_in_use_is_a_harness_failure()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var options = new ServeOptions(_files.Write(ScenarioFiles.Outage())) { ControlPort = port, RunDirectory = _files.Out("taken") };

        var outcome = await ServeRunner.RunAsync(options, new ReadyObserver(), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExitCodes.HarnessFailure, outcome.ExitCode);
        Assert.Contains($"127.0.0.1:{port}", outcome.Error);
    }

    [Fact]
    public async Task An_invalid_scenario_is_invalid_input()
    {
        var options = new ServeOptions(_files.Write(ScenarioFiles.Outage().Replace("timeline:", "timline:", StringComparison.Ordinal)));

        var outcome = await ServeRunner.RunAsync(options, new ReadyObserver(), CancellationToken.None);

        Assert.Equal(ExitCodes.InvalidInput, outcome.ExitCode);
        Assert.Contains("did you mean 'timeline'", outcome.Error);
    }

    private async Task<HttpStatusCode> StatusOfModelsAsync(string baseUrl)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{baseUrl}/v1/models");
        request.Headers.Add("x-api-key", "sk-ant-test");
        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<JsonElement> PostAsync(string url, string? json = null)
    {
        using var content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(url, content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Completes <see cref="Ready"/> when the session is up; ignores the rest.</summary>
    internal sealed class ReadyObserver : IServeObserver
    {
        private readonly TaskCompletionSource<ServeSession> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<ServeSession> Ready => _ready.Task;

        public void OnReady(ServeSession session) => _ready.TrySetResult(session);

        public void OnTick(ServeStatus status)
        {
        }

        public void OnEvent(string message)
        {
        }
    }
}
