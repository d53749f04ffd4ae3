using System.Diagnostics;
using ChaosKit.Core.Scenarios;
using ChaosKit.Fakes.Tests.Support;

namespace ChaosKit.Fakes.Tests.Faults;

[Collection(WallClockCollection.Name)]
public sealed class LatencyFaultTests
{
    [Fact]
    public async Task Latency_delays_the_answer_by_about_the_delay()
    {
        await using var run = await FakeRun.StartAsync(TestScenarios.Latency("400ms"));

        var watch = Stopwatch.StartNew();
        using var response = await run.PostMessagesAsync(FakeRun.HelloBody);
        watch.Stop();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(380), $"answered after {watch.Elapsed.TotalMilliseconds} ms");
        var call = await JournalWait.SingleCallAsync(run);
        Assert.Equal("latency", call.Fault);
        Assert.Equal(1, run.Fakes.CallsInPhase(0).FaultsInjected);
    }

    [Fact]
    public async Task Latency_is_scaled_with_the_run()
    {
        var scenario = TestScenarios.Create([TestScenarios.Phase("slow", TimeSpan.FromHours(1), TestScenarios.Latency("2s"))]);
        var clock = new ChaosKit.Core.Timeline.RunClock(new ChaosKit.Core.Timeline.RunTimeline(scenario.Timeline, timeScale: 0.1));
        await using var fakes = await ChaosKit.Fakes.Hosting.ProviderFakes.StartAsync(scenario, clock);
        clock.Start();
        using var http = new HttpClient { BaseAddress = fakes.Fakes[0].BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages") { Content = new StringContent(FakeRun.HelloBody, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", "k");
        request.Headers.Add("anthropic-version", "2023-06-01");

        var watch = Stopwatch.StartNew();
        using var response = await http.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(180), TimeSpan.FromMilliseconds(1500));
    }

    [Fact]
    public async Task Error_listed_before_latency_still_waits_then_fails()
    {
        await using var run = await FakeRun.StartAsync(TestScenarios.Error(529), TestScenarios.Latency("300ms"));

        var watch = Stopwatch.StartNew();
        using var response = await run.PostMessagesAsync(FakeRun.HelloBody);

        Assert.Equal(529, (int)response.StatusCode);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(280), $"answered after {watch.Elapsed.TotalMilliseconds} ms");
        Assert.Equal("error+latency", (await JournalWait.SingleCallAsync(run)).Fault);
    }

    [Fact]
    public async Task Client_that_gives_up_during_a_delay_is_counted_as_no_answer()
    {
        await using var run = await FakeRun.StartAsync(TestScenarios.Latency("30s"));
        using var cts = new CancellationTokenSource();
        var pending = run.PostMessagesAsync(FakeRun.HelloBody, ct: cts.Token);
        await WaitUntilAsync(() => run.Fake.InFlight == 1);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        await WaitUntilAsync(() => !run.Calls.IsEmpty);
        Assert.Equal(499, Assert.Single(run.Calls).Status);
        Assert.Equal(1, run.Fakes.CallsInPhase(0).ByStatus["499"]);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(condition(), "timed out waiting");
    }

    [Fact]
    public void Delay_is_required()
    {
        var fault = TestScenarios.Fault("latency");

        var error = Assert.Throws<ScenarioException>(() => ChaosKit.Fakes.Faults.FaultCatalog.Default.Validate(fault));

        Assert.Contains("delay", error.Message);
    }
}
