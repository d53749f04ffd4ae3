using System.Collections.Concurrent;
using System.Diagnostics;
using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using ChaosKit.Load.Execution;
using ChaosKit.Load.Scheduling;
using ChaosKit.Load.Simulations;
using Microsoft.Extensions.Time.Testing;
using static ChaosKit.Load.Tests.Fixtures;

namespace ChaosKit.Load.Tests;

/// <summary>
/// The dispatchers on a fake clock: time moves only when the test advances it, so the documented curves are checked
/// exactly, with no sleeps and no timing assumptions.
/// </summary>
public sealed class DispatcherFakeTimeTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact(Timeout = 60_000)]
    public async Task Open_dispatcher_starts_inject_then_ramp_on_the_fake_clock()
    {
        var (time, clock) = Start(2);
        var schedule = SimulationPlan.Create(
            [Simulation.Inject(10, S(1), S(1)), Simulation.RampingInject(30, S(1), S(1))], clock.Timeline, 1).Open!;
        var offsets = schedule.Arrivals().Select(a => a.Offset).ToArray();
        var executor = new HoldingExecutor(clock, TimeSpan.FromMilliseconds(10));
        var dispatcher = new OpenModelDispatcher(schedule, clock, 1_000, executor, _ => { });

        var run = dispatcher.RunAsync(CancellationToken.None);
        while (clock.Elapsed <= S(2))
        {
            var now = clock.Elapsed;
            await WaitUntil(() => dispatcher.Arrived == offsets.Count(o => o <= now) && executor.Started.Count == dispatcher.Arrived, $"arrivals due by {now}");
            time.Advance(Step);
        }
        Assert.True(await FinishAsync(run, time));
        await WaitUntil(() => dispatcher.Drained.IsCompleted, "drain");

        // 10 a second, then a ramp 10 → 30 a second whose one second holds 20.
        var perSecond = executor.Started.GroupBy(a => (int)a.Offset.TotalSeconds).OrderBy(g => g.Key).Select(g => g.Count());
        Assert.Equal([10, 20], perSecond);
        Assert.All(executor.Started, a => Assert.InRange(a.SentAt - a.Offset, TimeSpan.Zero, Step));
    }

    [Theory(Timeout = 60_000)]
    [InlineData(OverloadPolicy.Drop)]
    [InlineData(OverloadPolicy.Grow)]
    public async Task Overload_policy_drops_or_grows_at_the_cap(OverloadPolicy policy)
    {
        var (time, clock) = Start(1);
        var schedule = SimulationPlan.Create([Simulation.Inject(10, S(1), S(1))], clock.Timeline, 1).Open!;
        var executor = new HoldingExecutor(clock, S(30)); // nothing finishes during the run
        var dropped = 0;
        var dispatcher = new OpenModelDispatcher(schedule, clock, 2, executor, _ => dropped++, policy);
        using var stop = new CancellationTokenSource();

        var run = dispatcher.RunAsync(stop.Token);
        for (var i = 0; i <= 20; i++)
        {
            var now = clock.Elapsed;
            await WaitUntil(() => dispatcher.Arrived == Math.Min(10, (long)(now.TotalSeconds * 10) + 1), $"arrivals by {now}");
            time.Advance(Step);
        }
        Assert.True(await FinishAsync(run, time));

        if (policy == OverloadPolicy.Drop)
        {
            Assert.Equal(8, dropped);
            Assert.Equal(2, dispatcher.InFlight);
            Assert.Equal(0, dispatcher.OverCapStarts);
        }
        else
        {
            Assert.Equal(0, dropped);
            Assert.Equal(10, dispatcher.InFlight);
            Assert.Equal(10, dispatcher.PeakInFlight);
            Assert.Equal(8, dispatcher.OverCapStarts);
        }
        await WaitUntil(() => executor.Started.Count == dispatcher.InFlight, "every started iteration holding");
        time.Advance(S(30));
        await WaitUntil(() => dispatcher.Drained.IsCompleted, "drain");
    }

    [Fact(Timeout = 60_000)]
    public async Task Keep_constant_runs_copies_back_to_back_and_stops_at_the_end()
    {
        var (time, clock) = Start(2);
        var plan = SimulationPlan.Create([Simulation.KeepConstant(4, S(1))], clock.Timeline, 1).Closed!;
        var executor = new HoldingExecutor(clock, TimeSpan.FromMilliseconds(300));
        var dispatcher = new ClosedModelDispatcher(plan, clock, executor);

        var run = dispatcher.RunAsync(CancellationToken.None);
        // Iterations start at 0, 0.3, 0.6 and 0.9 s; the plan ends at 1 s, so the ones running then are the last.
        for (var i = 0; i < 24; i++)
        {
            var now = clock.Elapsed;
            var rounds = now < S(1) ? (int)(now.Ticks / TimeSpan.FromMilliseconds(300).Ticks) + 1 : 4;
            await WaitUntil(() => executor.Started.Count == 4 * rounds, $"4 × {rounds} iterations by {now}");
            if (now < S(1)) Assert.Equal(4, dispatcher.InFlight);
            time.Advance(Step);
        }
        Assert.True(await FinishAsync(run, time));
        await WaitUntil(() => dispatcher.Drained.IsCompleted, "drain");
        Assert.Equal(16, executor.Started.Count);
        Assert.Equal(16, dispatcher.Arrived);
        Assert.Equal(4, dispatcher.PeakInFlight);
    }

    [Fact(Timeout = 60_000)]
    public async Task Ramping_constant_adds_copies_linearly_on_the_control_ticks()
    {
        var (time, clock) = Start(3);
        var plan = SimulationPlan.Create([Simulation.RampingConstant(10, S(1)), Simulation.KeepConstant(10, S(1))], clock.Timeline, 1).Closed!;
        var executor = new HoldingExecutor(clock, S(60)); // copies stay busy, so in-flight shows the plan directly
        var dispatcher = new ClosedModelDispatcher(plan, clock, executor);
        using var stop = new CancellationTokenSource();

        var run = dispatcher.RunAsync(stop.Token);
        var seen = new List<int>();
        for (var tick = 0; tick <= 12; tick++)
        {
            // The control loop re-reads the plan every 100 ms: k ticks in, round(10 × k / 10) copies.
            var expected = plan.CopiesAt(clock.Elapsed);
            await WaitUntil(() => dispatcher.TargetCopies == expected && dispatcher.InFlight == expected && executor.Started.Count == expected,
                $"{expected} copies at {clock.Elapsed}");
            seen.Add(expected);
            time.Advance(ClosedModelDispatcher.ControlTick);
        }
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 10], seen);

        await stop.CancelAsync();
        Assert.False(await run.WaitAsync(TimeSpan.FromSeconds(30)));
        await WaitUntil(() => dispatcher.Drained.IsCompleted, "drain after cancel");
    }

    [Fact(Timeout = 60_000)]
    public async Task Iterations_for_constant_stops_after_its_count()
    {
        var (time, clock) = Start(10);
        var plan = SimulationPlan.Create([Simulation.IterationsForConstant(3, 10)], clock.Timeline, 1).Closed!;
        var executor = new HoldingExecutor(clock, TimeSpan.FromMilliseconds(100));
        var dispatcher = new ClosedModelDispatcher(plan, clock, executor);

        var run = dispatcher.RunAsync(CancellationToken.None);
        // No lock-step with the copies here: when one finishes, the next starts on the thread pool a moment later,
        // so any "exactly N busy" check between steps races. The outcome is what this test pins down.
        Assert.True(await FinishAsync(run, time));
        // Scheduling ends when the 10th iteration is taken; the last ones still hold on the fake clock until it moves.
        await FinishAsync(dispatcher.Drained, time);
        Assert.Equal(10, executor.Started.Count);
        Assert.Equal(10, executor.Finished);
        Assert.Equal(3, dispatcher.PeakInFlight);
        Assert.True(clock.Elapsed < S(10), $"should end long before the timeline, ended at {clock.Elapsed}");
    }

    private static (FakeTimeProvider Time, RunClock Clock) Start(double seconds)
    {
        var time = new FakeTimeProvider();
        var clock = Clock(time, ("only", seconds));
        clock.Start();
        return (time, clock);
    }

    /// <summary>
    /// Keeps the fake clock moving, in bounded steps, until the dispatcher's run ends: a timer the dispatcher
    /// registers just after an Advance would otherwise wait forever on frozen time and hang the test.
    /// </summary>
    private static async Task<T> FinishAsync<T>(Task<T> task, FakeTimeProvider time)
    {
        await FinishAsync((Task)task, time);
        return await task;
    }

    private static async Task FinishAsync(Task task, FakeTimeProvider time)
    {
        for (var i = 0; i < 400 && !task.IsCompleted; i++)
        {
            await Task.WhenAny(task, Task.Delay(5));
            if (!task.IsCompleted) time.Advance(Step);
        }
        Assert.True(task.IsCompleted, "the dispatcher did not finish within 400 steps of fake time");
        await task;
    }

    /// <summary>Waits (bounded) for the dispatcher's thread-pool work to catch up with the frozen fake time.</summary>
    private static async Task WaitUntil(Func<bool> condition, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(10))
                Assert.Fail($"timed out waiting for {what}");
            await Task.Yield();
        }
    }

    /// <summary>An iteration that holds for a fixed time on the fake clock and records when it was started.</summary>
    private sealed class HoldingExecutor(RunClock clock, TimeSpan hold) : IIterationExecutor
    {
        private int _finished;

        public ConcurrentQueue<(long Iteration, TimeSpan Offset, TimeSpan SentAt)> Started { get; } = new();

        public int Finished => Volatile.Read(ref _finished);

        public async Task ExecuteAsync(Arrival arrival, CancellationToken runToken)
        {
            // The timer exists before the test can see the start, so advancing the fake clock never outruns it.
            var holding = Task.Delay(hold, clock.TimeProvider, runToken);
            Started.Enqueue((arrival.Iteration, arrival.Offset, clock.Elapsed));
            try
            {
                await holding;
            }
            catch (OperationCanceledException)
            {
            }
            Interlocked.Increment(ref _finished);
        }
    }
}
