using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Hosting;
using ChaosKit.Fakes.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ChaosKit.Fakes.Tests.Timing;

public sealed class RampAndFlapTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_ramp_fails_no_call_at_the_start_and_every_call_at_the_end()
    {
        var fault = TestScenarios.Error(529) with { Timing = new FaultTiming { RampFrom = 0 } };
        await using var run = await FakeRun.StartAsync(Scenario(fault), _time);

        var early = await FailuresAsync(run, 20);
        _time.Advance(TimeSpan.FromSeconds(50));
        var middle = await FailuresAsync(run, 20);
        _time.Advance(TimeSpan.FromSeconds(49.9));
        var late = await FailuresAsync(run, 20);

        Assert.Equal(0, early);
        Assert.InRange(middle, 3, 17);
        Assert.True(late >= 19, $"late {late}");
    }

    [Fact]
    public async Task A_flapping_fault_is_on_then_off_then_on_again()
    {
        var fault = TestScenarios.Error(503) with { Timing = new FaultTiming { FlapOn = TimeSpan.FromSeconds(10), FlapOff = TimeSpan.FromSeconds(20) } };
        await using var run = await FakeRun.StartAsync(Scenario(fault), _time);

        var on = await FailuresAsync(run, 5);
        _time.Advance(TimeSpan.FromSeconds(15));
        var off = await FailuresAsync(run, 5);
        _time.Advance(TimeSpan.FromSeconds(20));
        var onAgain = await FailuresAsync(run, 5);

        Assert.Equal((5, 0, 5), (on, off, onAgain));
    }

    [Fact]
    public async Task The_same_seed_hits_the_same_calls_on_a_ramp()
    {
        var fault = TestScenarios.Error(529) with { Timing = new FaultTiming { RampFrom = 0 } };
        var first = await StatusesAtHalfwayAsync(fault);
        var second = await StatusesAtHalfwayAsync(fault);

        Assert.Equal(first, second);
        Assert.Contains(529, first);
        Assert.Contains(200, first);
    }

    [Fact]
    public async Task Route_and_model_filters_pick_the_calls_a_fault_hits()
    {
        var fault = TestScenarios.Error(529) with { Model = "claude-opus-*" };
        await using var run = await FakeRun.StartAsync(Scenario(fault), _time);

        using var sonnet = await run.PostMessagesAsync(FakeRun.HelloBody);
        using var opus = await run.PostMessagesAsync(FakeRun.HelloBody.Replace(ModelOf(FakeRun.HelloBody), "claude-opus-4-1", StringComparison.Ordinal));

        Assert.Equal(200, (int)sonnet.StatusCode);
        Assert.Equal(529, (int)opus.StatusCode);
    }

    [Fact]
    public async Task A_live_fault_applies_at_once_and_outside_the_timeline()
    {
        var live = new LiveFaults();
        await using var run = await FakeRun.StartAsync(Scenario(), _time, options: new FakeOptions { LiveFaults = live });
        _time.Advance(TimeSpan.FromMinutes(5)); // past the end of the timeline

        Assert.Equal(0, await FailuresAsync(run, 2));
        live.SwitchOn(TestScenarios.Error(500));
        Assert.Equal(2, await FailuresAsync(run, 2));
        live.Clear();
        Assert.Equal(0, await FailuresAsync(run, 2));
    }

    [Fact]
    public async Task A_live_fault_aimed_at_another_provider_leaves_this_one_alone()
    {
        var live = new LiveFaults();
        await using var run = await FakeRun.StartAsync(Scenario(), _time, options: new FakeOptions { LiveFaults = live });

        live.SwitchOn(TestScenarios.Error(500) with { Provider = "other" });
        Assert.Equal(0, await FailuresAsync(run, 2));
        live.SwitchOn(TestScenarios.Error(500) with { Provider = TestScenarios.Provider });
        Assert.Equal(2, await FailuresAsync(run, 2));
    }

    private async Task<int[]> StatusesAtHalfwayAsync(FaultSpec fault)
    {
        var time = new FakeTimeProvider(_time.GetUtcNow());
        await using var run = await FakeRun.StartAsync(Scenario(fault), time);
        time.Advance(TimeSpan.FromSeconds(50));
        var statuses = new int[16];
        for (var i = 0; i < statuses.Length; i++)
        {
            using var response = await run.PostMessagesAsync(FakeRun.HelloBody);
            statuses[i] = (int)response.StatusCode;
        }
        return statuses;
    }

    private static Scenario Scenario(params FaultSpec[] faults) =>
        TestScenarios.Create([TestScenarios.Phase("p", TimeSpan.FromSeconds(100), faults)]);

    private static async Task<int> FailuresAsync(FakeRun run, int calls)
    {
        var failures = 0;
        for (var i = 0; i < calls; i++)
        {
            using var response = await run.PostMessagesAsync(FakeRun.HelloBody);
            if (!response.IsSuccessStatusCode) failures++;
        }
        return failures;
    }

    private static string ModelOf(string body) =>
        System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("model").GetString()!;
}
