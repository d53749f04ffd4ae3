using System.Net;
using System.Net.Sockets;
using ChaosKit.Core.Loading;
using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using ChaosKit.Fakes.Hosting;
using ChaosKit.Fakes.Tests.Support;

namespace ChaosKit.Fakes.Tests.Hosting;

[Collection(WallClockCollection.Name)]
public sealed class ProviderFakesTests
{
    [Fact]
    public async Task Port_zero_gets_a_free_loopback_port_and_reports_it()
    {
        await using var run = await FakeRun.StartAsync();

        Assert.Equal("127.0.0.1", run.Fake.BaseUrl.Host);
        Assert.NotEqual(0, run.Fake.Port);
        Assert.Equal("claude", run.Fake.Name);
        Assert.Equal("anthropic", run.Fake.Kind);
        Assert.Same(run.Fake, run.Fakes.Get("claude"));
        Assert.Throws<KeyNotFoundException>(() => run.Fakes.Get("gpt"));
    }

    [Fact]
    public async Task Fixed_port_is_used()
    {
        var port = FreePort();
        var scenario = TestScenarios.Create([TestScenarios.Phase("p", TimeSpan.FromHours(1))], providers: [TestScenarios.Anthropic(port: port)]);
        await using var run = await FakeRun.StartAsync(scenario);

        Assert.Equal(new Uri($"http://127.0.0.1:{port}/"), run.Fake.BaseUrl);
    }

    [Fact]
    public async Task Port_in_use_fails_with_a_clear_one_line_message()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var scenario = TestScenarios.Create([TestScenarios.Phase("p", TimeSpan.FromHours(1))],
            providers: [TestScenarios.Anthropic("healthy"), TestScenarios.Anthropic("claude", port)]);
        var clock = new RunClock(new RunTimeline(scenario.Timeline));

        var error = await Assert.ThrowsAsync<PortInUseException>(() => ProviderFakes.StartAsync(scenario, clock));

        Assert.Equal(port, error.Port);
        Assert.Equal(
            $"providers[1].port: provider 'claude' cannot listen on 127.0.0.1:{port} because the port is already in use; choose another port or 0 for a free one",
            error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Duplicate_provider_names_are_rejected()
    {
        // The loader checks names once; the fakes take a loaded scenario as valid.
        var yaml = """
            name: twice
            providers:
              - name: claude
                kind: anthropic
              - name: claude
                kind: anthropic
            timeline:
              - name: p
                duration: 1h
            """;

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, "twice.yaml", new ScenarioCatalogs { Providers = ProviderCatalog.Default }));

        Assert.Equal("twice.yaml:5:11: providers[1].name: a provider named 'claude' is already declared", error.Message);
    }

    [Fact]
    public async Task Dispose_stops_listening_and_cuts_off_delayed_calls()
    {
        var run = await FakeRun.StartAsync(TestScenarios.Latency("1m"));
        var port = run.Fake.Port;
        var pending = run.PostMessagesAsync(FakeRun.HelloBody);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (run.Fake.InFlight == 0 && DateTime.UtcNow < deadline) await Task.Delay(20); // wait until the fault holds it
        Assert.Equal(1, run.Fake.InFlight);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await run.DisposeAsync();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {watch.Elapsed}");
        await Assert.ThrowsAnyAsync<Exception>(() => pending);
        Assert.Equal(499, Assert.Single(run.Calls).Status);
        using var probe = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => probe.ConnectAsync(IPAddress.Loopback, port));
    }

    [Fact]
    public async Task Dispose_cuts_off_a_slow_stream_in_a_phase_without_faults()
    {
        // A minute to the first token, and no fault anywhere: only the stream's own wait holds the call.
        var slow = new StreamingSpec(TimeSpan.FromMinutes(1), 10, 0);
        var scenario = TestScenarios.Create([TestScenarios.Phase("calm", TimeSpan.FromHours(1))],
            providers: [TestScenarios.ProviderOf("anthropic", TestScenarios.Provider, slow)]);
        var run = await FakeRun.StartAsync(scenario);
        var pending = run.PostMessagesAsync(
            """{"model":"claude-sonnet-4-5","max_tokens":5,"stream":true,"messages":[{"role":"user","content":"Hi"}]}""");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (run.Fake.InFlight == 0 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Equal(1, run.Fake.InFlight);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await run.DisposeAsync();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {watch.Elapsed}");
        Assert.Equal(499, Assert.Single(run.Calls).Status);
        try
        {
            using var response = await pending;
            await Assert.ThrowsAnyAsync<Exception>(() => response.Content.ReadAsStringAsync());
        }
        catch (Exception cut) when (cut is HttpRequestException or OperationCanceledException)
        {
            // Cut before the client had read the headers: just as good.
        }
    }

    [Fact]
    public async Task Providers_with_many_calls_in_flight_are_not_blocked_by_delays()
    {
        await using var run = await FakeRun.StartAsync(TestScenarios.Latency("500ms"));

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => run.PostMessagesAsync(FakeRun.HelloBody)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"200 delayed calls took {watch.Elapsed}");
        await JournalWait.CallsAsync(run, 200);
        Assert.Equal(200, run.Fakes.CallsInPhase(0).FaultsInjected);
        foreach (var response in responses) response.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
