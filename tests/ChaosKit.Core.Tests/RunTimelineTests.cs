using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using Microsoft.Extensions.Time.Testing;

namespace ChaosKit.Core.Tests;

public class RunTimelineTests
{
    private static readonly PhaseSpec[] Phases =
    [
        new("baseline", TimeSpan.FromSeconds(10), [], SourceLocation.None),
        new("outage", TimeSpan.FromSeconds(20), [], SourceLocation.None),
        new("recovery", TimeSpan.FromSeconds(10), [], SourceLocation.None),
    ];

    [Theory]
    [InlineData(0, "baseline")]
    [InlineData(9.999, "baseline")]
    [InlineData(10, "outage")]
    [InlineData(29.5, "outage")]
    [InlineData(30, "recovery")]
    public void Phases_follow_each_other(double seconds, string expected) =>
        Assert.Equal(expected, new RunTimeline(Phases).PhaseAt(TimeSpan.FromSeconds(seconds))?.Name);

    [Fact]
    public void Outside_the_run_there_is_no_phase()
    {
        var timeline = new RunTimeline(Phases);
        Assert.Null(timeline.PhaseAt(TimeSpan.FromSeconds(-1)));
        Assert.Null(timeline.PhaseAt(TimeSpan.FromSeconds(40)));
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.3)]
    [InlineData(2.5)]
    public void Run_time_turns_back_into_the_scenarios_own_time(double scale)
    {
        var timeline = new RunTimeline(Phases, scale);

        Assert.Equal(TimeSpan.FromSeconds(40), timeline.ScenarioDuration);
        Assert.Equal(TimeSpan.FromSeconds(20), timeline.ToScenarioTime(timeline.Phases[1].Duration));
        Assert.Equal(TimeSpan.FromSeconds(7), timeline.ToScenarioTime(timeline.Scale(TimeSpan.FromSeconds(7))));
    }

    [Fact]
    public void The_time_scale_compresses_every_phase()
    {
        var timeline = new RunTimeline(Phases, timeScale: 0.1);

        Assert.Equal(TimeSpan.FromSeconds(4), timeline.Duration);
        Assert.Equal(TimeSpan.FromSeconds(1), timeline.Phases[1].Start);
        Assert.Equal("outage", timeline.PhaseAt(TimeSpan.FromSeconds(2.5))?.Name);
        Assert.Equal(TimeSpan.FromMilliseconds(30), timeline.Scale(TimeSpan.FromMilliseconds(300)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    public void A_non_positive_time_scale_is_rejected(double scale) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RunTimeline(Phases, scale));

    [Fact]
    public void The_clock_switches_phases_as_time_passes()
    {
        var time = new FakeTimeProvider();
        var clock = new RunClock(new RunTimeline(Phases), time);
        Assert.Null(clock.CurrentPhase);

        clock.Start();
        Assert.Equal("baseline", clock.CurrentPhase?.Name);
        time.Advance(TimeSpan.FromSeconds(12));
        Assert.Equal("outage", clock.CurrentPhase?.Name);
        time.Advance(TimeSpan.FromSeconds(28));
        Assert.Null(clock.CurrentPhase);
        Assert.Throws<InvalidOperationException>(clock.Start);
    }
}
