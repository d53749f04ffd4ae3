using ChaosKit.SampleApp.Configuration;
using ChaosKit.SampleApp.Resilience;

namespace ChaosKit.SampleApp.Tests;

/// <summary>
/// <see cref="ProviderPace"/>: the hedge delay it learns from a provider's answers, and how it passes over a provider
/// that keeps missing its deadlines, with a trial call to find it back.
/// </summary>
public sealed class ProviderPaceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly ResilientSettings Settings = new();

    private static DateTimeOffset At(double seconds) => T0.AddSeconds(seconds);

    [Fact]
    public void The_hedge_waits_the_longest_delay_until_ten_answers_are_known_then_four_times_their_median_within_the_bounds()
    {
        var pace = new ProviderPace(Settings);
        for (var i = 0; i < 9; i++) pace.Answered(TimeSpan.FromMilliseconds(500));
        Assert.Equal(TimeSpan.FromSeconds(3), pace.HedgeDelay());

        pace.Answered(TimeSpan.FromMilliseconds(500));
        Assert.Equal(TimeSpan.FromMilliseconds(2_000), pace.HedgeDelay());
        // A few slow answers in time do not move it: the median does not follow them.
        for (var i = 0; i < 4; i++) pace.Answered(TimeSpan.FromMilliseconds(1_900));
        Assert.Equal(TimeSpan.FromMilliseconds(2_000), pace.HedgeDelay());

        var fast = new ProviderPace(Settings);
        for (var i = 0; i < 20; i++) fast.Answered(TimeSpan.FromMilliseconds(5));
        Assert.Equal(TimeSpan.FromSeconds(1), fast.HedgeDelay());

        var slow = new ProviderPace(Settings);
        for (var i = 0; i < 20; i++) slow.Answered(TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.FromSeconds(3), slow.HedgeDelay());

        // Only the last 128 answers count: after 200 fast ones, 64 slower ones are half the window, and set the median.
        var changed = new ProviderPace(Settings);
        for (var i = 0; i < 200; i++) changed.Answered(TimeSpan.FromMilliseconds(5));
        for (var i = 0; i < 63; i++) changed.Answered(TimeSpan.FromMilliseconds(600));
        Assert.Equal(TimeSpan.FromSeconds(1), changed.HedgeDelay());
        changed.Answered(TimeSpan.FromMilliseconds(600));
        Assert.Equal(TimeSpan.FromMilliseconds(2_400), changed.HedgeDelay());
    }

    [Fact]
    public void Three_missed_deadlines_in_a_row_pass_a_provider_over_and_an_answer_in_time_between_resets_the_count()
    {
        var pace = new ProviderPace(Settings);
        Assert.False(pace.Slow(At(0)));
        Assert.False(pace.Slow(At(0.1)));
        pace.OnTime();
        Assert.False(pace.Slow(At(0.2)));
        Assert.False(pace.Slow(At(0.3)));
        Assert.Null(pace.PassedOverFor(At(0.3)));

        Assert.True(pace.Slow(At(0.4)));
        Assert.Equal(TimeSpan.FromSeconds(4.9), pace.PassedOverFor(At(0.5)));
        Assert.True(pace.IsPassedOver(At(0.5)));
        // A call already under way that misses its deadline too says nothing new, and does not lengthen the wait.
        Assert.False(pace.Slow(At(1.4)));
        Assert.Equal(TimeSpan.FromSeconds(4.9), pace.PassedOverFor(At(0.5)));
    }

    [Fact]
    public void After_the_wait_one_call_is_the_trial_a_failed_trial_doubles_the_wait_up_to_the_longest_and_one_in_time_ends_it()
    {
        var pace = new ProviderPace(Settings);
        for (var i = 0; i < 3; i++) pace.Slow(At(0));

        Assert.Null(pace.PassedOverFor(At(5)));                    // the trial goes
        Assert.NotNull(pace.PassedOverFor(At(5.1)));               // the others wait for its verdict
        Assert.True(pace.Slow(At(6)));                             // it missed its deadline too
        Assert.Equal(TimeSpan.FromSeconds(10), pace.PassedOverFor(At(6)));

        Assert.Null(pace.PassedOverFor(At(16)));
        pace.Slow(At(17));
        Assert.Equal(TimeSpan.FromSeconds(20), pace.PassedOverFor(At(17)));
        Assert.Null(pace.PassedOverFor(At(37)));
        pace.Slow(At(38));
        Assert.Equal(TimeSpan.FromSeconds(20), pace.PassedOverFor(At(38))); // 40 s, held to the longest

        Assert.Null(pace.PassedOverFor(At(58)));
        pace.Answered(TimeSpan.FromMilliseconds(300));
        Assert.Null(pace.PassedOverFor(At(58.1)));
        Assert.False(pace.IsPassedOver(At(58.1)));
        Assert.False(pace.Slow(At(59)));                           // the count starts again
    }
}
