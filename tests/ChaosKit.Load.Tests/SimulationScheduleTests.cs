using ChaosKit.Core.Scenarios;
using ChaosKit.Load.Simulations;

namespace ChaosKit.Load.Tests;

/// <summary>The documented rate curves of the open-model simulations, as pure schedules (no clock involved).</summary>
public sealed class SimulationScheduleTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    private static OpenSchedule Open(double timelineSeconds, params LoadSimulation[] simulations) =>
        SimulationPlan.Create(simulations, Fixtures.Timeline(timelineSeconds), seed: 42).Open!;

    private static long[] PerSecond(OpenSchedule schedule, int seconds)
    {
        var counts = new long[seconds];
        foreach (var a in schedule.Arrivals()) counts[(int)(a.Offset.Ticks / TimeSpan.TicksPerSecond)]++;
        return counts;
    }

    [Fact]
    public void Inject_spreads_rate_per_interval_evenly()
    {
        var schedule = Open(10, Simulation.Inject(5, TimeSpan.FromMilliseconds(500), S(3)));

        Assert.Equal(30, schedule.Count);
        Assert.Equal([10, 10, 10], PerSecond(schedule, 3));
        var offsets = schedule.Arrivals().Select(a => a.Offset).ToList();
        Assert.Equal(TimeSpan.FromMilliseconds(100), offsets[1] - offsets[0]);
        Assert.Equal(Enumerable.Range(0, 30).Select(i => (long)i), schedule.Arrivals().Select(a => a.Iteration));
    }

    [Fact]
    public void Ramping_inject_moves_linearly_from_the_previous_rate()
    {
        // 10/s for 2 s, then a ramp to 30/s over 2 s: the ramp's seconds hold the area under 10→20 and 20→30.
        var schedule = Open(4, Simulation.Inject(10, Second, S(2)), Simulation.RampingInject(30, Second, S(2)));

        Assert.Equal([10, 10, 15, 25], PerSecond(schedule, 4));
        Assert.Equal(60, schedule.Count);
    }

    [Fact]
    public void Ramping_inject_down_and_after_a_pause_starts_from_zero()
    {
        var schedule = Open(6,
            Simulation.Inject(20, Second, S(1)),
            Simulation.RampingInject(0, Second, S(2)),   // 20 → 0: 15 then 5
            Simulation.Pause(S(1)),
            Simulation.RampingInject(20, Second, S(2))); // 0 → 20: 5 then 15

        Assert.Equal([20, 15, 5, 0, 5, 15], PerSecond(schedule, 6));
    }

    [Fact]
    public void Inject_random_draws_each_interval_within_bounds_and_replays_by_seed()
    {
        LoadSimulation[] profile = [Simulation.InjectRandom(5, 15, Second, S(20))];
        var first = SimulationPlan.Create(profile, Fixtures.Timeline(20), seed: 7).Open!;
        var again = SimulationPlan.Create(profile, Fixtures.Timeline(20), seed: 7).Open!;
        var other = SimulationPlan.Create(profile, Fixtures.Timeline(20), seed: 8).Open!;

        var counts = PerSecond(first, 20);
        Assert.All(counts, c => Assert.InRange(c, 5, 15));
        Assert.True(counts.Distinct().Count() > 3, "the rate should vary between intervals");
        Assert.Equal(first.Arrivals(), again.Arrivals());
        Assert.NotEqual(counts, PerSecond(other, 20));
    }

    [Fact]
    public void Iterations_for_inject_stops_at_its_count_or_at_the_timeline_end()
    {
        var plan = SimulationPlan.Create([Simulation.IterationsForInject(10, Second, 25)], Fixtures.Timeline(10), 1);
        Assert.Equal(25, plan.Open!.Count);
        Assert.Equal(S(2.4), plan.Open.Arrivals().Last().Offset);
        Assert.Equal(0, plan.CutIterations);

        var cut = SimulationPlan.Create([Simulation.IterationsForInject(10, Second, 25)], Fixtures.Timeline(1), 1);
        Assert.Equal(10, cut.Open!.Count);
        Assert.Equal(15, cut.CutIterations);
    }

    [Fact]
    public void Time_scale_shortens_durations_but_keeps_the_rate()
    {
        var plan = SimulationPlan.Create([Simulation.Inject(10, Second, S(4))], Fixtures.Timeline(4, timeScale: 0.5), seed: 1);

        Assert.Equal(20, plan.Open!.Count);
        Assert.Equal(S(2), plan.Open.Duration);
    }

    [Fact]
    public void Nothing_is_scheduled_past_the_timeline()
    {
        var schedule = Open(1.5, Simulation.Inject(10, Second, S(1)), Simulation.Inject(20, Second, S(5)));

        Assert.Equal(20, schedule.Count);
        Assert.All(schedule.Arrivals(), a => Assert.True(a.Offset < S(1.5)));
    }

    [Fact]
    public void Closed_plan_follows_keep_and_ramping_constant()
    {
        var plan = SimulationPlan.Create(
            [Simulation.RampingConstant(10, S(1)), Simulation.KeepConstant(10, S(1)), Simulation.Pause(S(1)), Simulation.RampingConstant(4, S(1))],
            Fixtures.Timeline(10), 1).Closed!;

        Assert.Equal(S(4), plan.Duration);
        Assert.Equal(0, plan.CopiesAt(TimeSpan.Zero));
        Assert.Equal(5, plan.CopiesAt(S(0.5)));
        Assert.Equal(10, plan.CopiesAt(S(1.5)));
        Assert.Equal(0, plan.CopiesAt(S(2.5)));
        Assert.Equal(2, plan.CopiesAt(S(3.5)));
        Assert.Equal(0, plan.CopiesAt(S(4)));
        Assert.Equal(10, plan.MaxCopies);
    }

    [Theory]
    [InlineData("mixed")]
    [InlineData("iterations")]
    [InlineData("empty")]
    [InlineData("rate")]
    public void Invalid_profiles_are_rejected_with_the_simulation_named(string which)
    {
        LoadSimulation[] profile = which switch
        {
            "mixed" => [Simulation.Inject(1, Second, S(1)), Simulation.KeepConstant(2, S(1))],
            "iterations" => [Simulation.IterationsForConstant(2, 10), Simulation.Pause(S(1))],
            "empty" => [],
            _ => [Simulation.Inject(0, Second, S(1))],
        };
        var error = Assert.Throws<ScenarioException>(() => LoadSimulations.Validate(profile));

        Assert.StartsWith("load.simulations", error.Field);
        Assert.Contains(which switch { "mixed" => "closed-model", "iterations" => "only simulation", "empty" => "at least one", _ => "more than 0" }, error.Problem);
    }
}
