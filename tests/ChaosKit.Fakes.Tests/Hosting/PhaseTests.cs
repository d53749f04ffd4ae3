using ChaosKit.Fakes.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ChaosKit.Fakes.Tests.Hosting;

public sealed class PhaseTests
{
    [Fact]
    public async Task Faults_follow_the_clock_and_calls_are_counted_in_their_arrival_phase()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var scenario = TestScenarios.Create(
        [
            TestScenarios.Phase("baseline", TimeSpan.FromSeconds(10)),
            TestScenarios.Phase("outage", TimeSpan.FromSeconds(10), TestScenarios.Error(529)),
            TestScenarios.Phase("recovery", TimeSpan.FromSeconds(10)),
        ]);
        await using var run = await FakeRun.StartAsync(scenario, time, startClock: false);

        Assert.Equal(200, await StatusAsync(run)); // before the start: no phase, no faults
        run.Clock.Start();
        Assert.Equal(200, await StatusAsync(run));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(529, await StatusAsync(run));
        Assert.Equal(529, await StatusAsync(run));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(200, await StatusAsync(run));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(200, await StatusAsync(run)); // after the end: no phase, no faults
        await JournalWait.CallsAsync(run, 6);

        Assert.Equal(1, run.Fakes.CallsInPhase(0).Total);
        var outage = run.Fakes.CallsInPhase(1);
        Assert.Equal(2, outage.Total);
        Assert.Equal(2, outage.ByStatus["529"]);
        Assert.Equal(2, outage.FaultsInjected);
        Assert.Equal(1, run.Fakes.CallsInPhase(2).ByStatus["200"]);
        Assert.Equal(2, run.Fakes.CallsOutsideTimeline().Total);
        var all = run.Fakes.AllCalls();
        Assert.Equal(6, all.Total);
        Assert.Equal(4, all.ByStatus["200"]);
        Assert.Throws<ArgumentOutOfRangeException>(() => run.Fakes.CallsInPhase(3));
        Assert.Equal([null, 0, 1, 1, 2, null], run.Calls.Select(c => c.Phase));
    }

    [Fact]
    public async Task Rate_limit_reset_headers_use_the_run_time()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero));
        await using var run = await FakeRun.StartAsync(
            TestScenarios.Create([TestScenarios.Phase("p", TimeSpan.FromSeconds(10))]), time);

        using var response = await run.PostMessagesAsync(FakeRun.HelloBody);

        Assert.Equal("2026-03-04T05:07:07Z", Assert.Single(response.Headers.GetValues("anthropic-ratelimit-requests-reset")));
    }

    private static async Task<int> StatusAsync(FakeRun run)
    {
        using var response = await run.PostMessagesAsync(FakeRun.HelloBody);
        return (int)response.StatusCode;
    }
}
