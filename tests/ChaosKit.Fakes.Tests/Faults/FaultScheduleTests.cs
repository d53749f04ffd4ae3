using ChaosKit.Core.Timeline;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Hosting;
using ChaosKit.Fakes.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ChaosKit.Fakes.Tests.Faults;

public sealed class FaultScheduleTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 6, 7, 8, 0, TimeSpan.Zero));

    [Fact]
    public async Task Each_fault_is_built_once_per_run_whatever_the_number_of_providers()
    {
        var counting = new CountingFault();
        var scenario = TestScenarios.Create(
        [
            TestScenarios.Phase("first", TimeSpan.FromHours(1),
                TestScenarios.Fault(CountingFault.Kind), TestScenarios.Fault(CountingFault.Kind, provider: "b")),
            TestScenarios.Phase("second", TimeSpan.FromHours(1), TestScenarios.Fault(CountingFault.Kind, provider: "c")),
        ], providers: [TestScenarios.Anthropic("a"), TestScenarios.Anthropic("b"), TestScenarios.Anthropic("c")]);

        await using var run = await FakeRun.StartAsync(scenario, _time, options: new FakeOptions { Faults = FaultCatalog.Default.With(counting.Registration) });
        using var a = await SendAsync(run, "a");
        using var b = await SendAsync(run, "b");
        using var c = await SendAsync(run, "c");

        // Three listings, three faults: not one per listing and provider (nine), whichever provider a listing aims at.
        Assert.Equal(3, counting.Created);
        var calls = await JournalWait.CallsAsync(run, 3);
        Assert.Equal(
            [("a", "counted"), ("b", "counted+counted"), ("c", "counted")],
            calls.OrderBy(call => call.Provider, StringComparer.Ordinal).Select(call => (call.Provider, call.Fault)));
    }

    [Fact]
    public async Task A_quota_keeps_separate_buckets_for_each_provider()
    {
        var quota = TestScenarios.Fault("quota", 1.0, null, ("requests_per_minute", "1"));
        var scenario = TestScenarios.Create([TestScenarios.Phase("p", TimeSpan.FromHours(1), quota)],
            providers: [TestScenarios.Anthropic("a"), TestScenarios.Anthropic("b")]);
        await using var run = await FakeRun.StartAsync(scenario, _time);

        using var first = await SendAsync(run, "a");
        using var other = await SendAsync(run, "b");
        using var again = await SendAsync(run, "a");

        Assert.Equal((200, 200, 429), ((int)first.StatusCode, (int)other.StatusCode, (int)again.StatusCode));
    }

    [Fact]
    public void Request_and_connection_faults_roll_the_same_seeded_dice_and_live_faults_their_own()
    {
        var scenario = TestScenarios.Create([TestScenarios.Phase("p", TimeSpan.FromSeconds(100),
            TestScenarios.Error(529, rate: 0.5), TestScenarios.Fault(ResetOnAcceptFault.Kind, 0.5))]);
        var clock = new RunClock(new RunTimeline(scenario.Timeline), _time);
        var live = new LiveFaults();
        live.SwitchOn(TestScenarios.Error(500, rate: 0.5));
        var schedule = FaultSchedule.Build(scenario, clock, FaultCatalog.Default, live);
        var phase = clock.Timeline.Phases[0];
        var request = Assert.Single(schedule.AimedAt(TestScenarios.Provider, connection: false)[0]);
        var connection = Assert.Single(schedule.AimedAt(TestScenarios.Provider, connection: true)[0]);
        var liveFault = Assert.Single(schedule.Live);

        for (var i = 0; i < 200; i++)
        {
            var key = "k" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(FaultDice.Roll(42, TestScenarios.Provider, 0, 0, key) < 0.5, schedule.Hits(request, TestScenarios.Provider, phase, TimeSpan.Zero, key));
            Assert.Equal(FaultDice.Roll(42, TestScenarios.Provider, 0, 1, key) < 0.5, schedule.Hits(connection, TestScenarios.Provider, phase, TimeSpan.Zero, key));
            Assert.Equal(FaultDice.Roll(42, TestScenarios.Provider, -1, 0, key) < 0.5, schedule.Hits(liveFault, TestScenarios.Provider, phase, TimeSpan.Zero, key));
        }
    }

    [Fact]
    public void Rate_one_always_hits_and_rate_zero_never_does()
    {
        var scenario = TestScenarios.Create([TestScenarios.Phase("p", TimeSpan.FromSeconds(100),
            TestScenarios.Error(529, rate: 1.0), TestScenarios.Error(503, rate: 0.0))]);
        var clock = new RunClock(new RunTimeline(scenario.Timeline), _time);
        var schedule = FaultSchedule.Build(scenario, clock, FaultCatalog.Default);
        var phase = clock.Timeline.Phases[0];
        var faults = schedule.AimedAt(TestScenarios.Provider, connection: false)[0];

        for (var i = 0; i < 1000; i++)
        {
            var key = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(schedule.Hits(faults[0], TestScenarios.Provider, phase, TimeSpan.Zero, key));
            Assert.False(schedule.Hits(faults[1], TestScenarios.Provider, phase, TimeSpan.Zero, key));
        }
    }

    [Fact]
    public void A_ramp_and_a_flap_shape_the_rate_of_connection_faults_as_of_request_faults()
    {
        var ramp = new FaultTiming { RampFrom = 0 };
        var flap = new FaultTiming { FlapOn = TimeSpan.FromSeconds(10), FlapOff = TimeSpan.FromSeconds(10) };
        var scenario = TestScenarios.Create([TestScenarios.Phase("p", TimeSpan.FromSeconds(100),
            TestScenarios.Error(529) with { Timing = ramp }, TestScenarios.Fault(ResetOnAcceptFault.Kind) with { Timing = ramp },
            TestScenarios.Error(503) with { Timing = flap }, TestScenarios.Fault(ConnectionRefusedFault.Kind) with { Timing = flap })]);
        // Twice as fast: the rate follows the scenario's own time, 45 s in at 22.5 s of the run (flap on), 50 s at 25 s (off).
        var clock = new RunClock(new RunTimeline(scenario.Timeline, timeScale: 0.5), _time);
        var schedule = FaultSchedule.Build(scenario, clock, FaultCatalog.Default);
        var phase = clock.Timeline.Phases[0];
        var faults = schedule.AimedAt(TestScenarios.Provider, connection: false)[0].Concat(schedule.AimedAt(TestScenarios.Provider, connection: true)[0])
            .OrderBy(f => f.Index).ToArray();

        Assert.Equal([0.45, 0.45, 1, 1], faults.Select(f => schedule.RateAt(f, phase, TimeSpan.FromSeconds(22.5))));
        Assert.Equal([0.5, 0.5, 0, 0], faults.Select(f => schedule.RateAt(f, phase, TimeSpan.FromSeconds(25))));
    }

    private static Task<HttpResponseMessage> SendAsync(FakeRun run, string provider) =>
        run.PostMessagesAsync(FakeRun.HelloBody, to: run.Fakes.Get(provider));

    /// <summary>A fault that counts how often the catalog builds it, and otherwise lets every call through.</summary>
    private sealed class CountingFault : IFault
    {
        public const string Kind = "counted";
        private int _created;

        public CountingFault() => Registration = new FaultRegistration(Kind, [], _ =>
        {
            Interlocked.Increment(ref _created);
            return this;
        });

        public FaultRegistration Registration { get; }

        public int Created => Volatile.Read(ref _created);

        public ValueTask<FaultOutcome> ApplyAsync(FaultContext context, CancellationToken ct) => ValueTask.FromResult(FaultOutcome.Continue);
    }
}
