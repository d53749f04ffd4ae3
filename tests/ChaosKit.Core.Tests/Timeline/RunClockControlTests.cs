using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using Microsoft.Extensions.Time.Testing;

namespace ChaosKit.Core.Tests.Timeline;

public sealed class RunClockControlTests
{
    private static readonly PhaseSpec[] Phases =
    [
        new("baseline", TimeSpan.FromSeconds(10), [], SourceLocation.None),
        new("outage", TimeSpan.FromSeconds(20), [], SourceLocation.None),
        new("recovery", TimeSpan.FromSeconds(10), [], SourceLocation.None),
    ];

    private readonly FakeTimeProvider _time = new();

    private RunClock Started(double scale = 1.0)
    {
        var clock = new RunClock(new RunTimeline(Phases, scale), _time);
        clock.Start();
        return clock;
    }

    [Fact]
    public void A_paused_clock_holds_its_phase_and_resumes_where_it_stopped()
    {
        var clock = Started();
        _time.Advance(TimeSpan.FromSeconds(8));

        clock.Pause();
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(clock.IsPaused);
        Assert.Equal(TimeSpan.FromSeconds(8), clock.Elapsed);
        Assert.Equal("baseline", clock.CurrentPhase?.Name);

        clock.Resume();
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.False(clock.IsPaused);
        Assert.Equal(TimeSpan.FromSeconds(11), clock.Elapsed);
        Assert.Equal("outage", clock.CurrentPhase?.Name);
    }

    [Fact]
    public void Jumps_move_the_run_time_forward_and_back()
    {
        var clock = Started();
        _time.Advance(TimeSpan.FromSeconds(2));

        clock.JumpToPhase(2);
        Assert.Equal("recovery", clock.CurrentPhase?.Name);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(31), clock.Elapsed);

        clock.JumpTo(TimeSpan.FromSeconds(12));
        Assert.Equal("outage", clock.CurrentPhase?.Name);
        Assert.Equal(TimeSpan.FromSeconds(12), clock.OffsetOf(_time.GetTimestamp()));
        Assert.Equal(_time.GetTimestamp(), clock.TimestampAt(TimeSpan.FromSeconds(12)));
    }

    [Fact]
    public void A_jump_while_paused_stays_paused_at_the_new_place()
    {
        var clock = Started(scale: 0.1);
        clock.Pause();

        clock.JumpToPhase(1);
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.FromSeconds(1), clock.Elapsed);

        clock.Resume();
        _time.Advance(TimeSpan.FromSeconds(2.5));
        Assert.Equal("recovery", clock.CurrentPhase?.Name);
    }

    [Fact]
    public void Control_needs_a_started_clock_and_a_real_phase()
    {
        var clock = new RunClock(new RunTimeline(Phases), _time);
        Assert.Throws<InvalidOperationException>(clock.Pause);
        clock.Start();
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.JumpToPhase(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.JumpTo(TimeSpan.FromSeconds(-1)));
    }
}
