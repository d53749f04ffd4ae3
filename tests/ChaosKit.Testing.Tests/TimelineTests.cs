using Anthropic.Exceptions;

namespace ChaosKit.Testing.Tests;

public sealed class TimelineTests
{
    private static ChaosScenario Outage() => ChaosScenario.Create("outage")
        .WithAnthropic("claude")
        .Phase("healthy", TimeSpan.FromMinutes(1))
        .Phase("outage", TimeSpan.FromMinutes(1), ChaosFault.Error(529).On("claude"))
        .Phase("recovery", TimeSpan.FromMinutes(1));

    [Fact]
    public async Task A_jump_to_a_phase_changes_what_the_sdk_sees_on_its_next_call()
    {
        await using var fakes = await ChaosFakes.StartAsync(Outage());
        var claude = Clients.Anthropic(fakes);

        Assert.Equal("healthy", fakes.CurrentPhase);
        await claude.Messages.Create(Clients.Hello);

        fakes.JumpToPhase("outage");
        Assert.Equal("outage", fakes.CurrentPhase);
        var error = await Assert.ThrowsAsync<AnthropicOverloadedException>(() => claude.Messages.Create(Clients.Hello));
        Assert.Equal(529, (int)error.StatusCode);

        fakes.JumpToPhase("recovery");
        await claude.Messages.Create(Clients.Hello);

        Assert.Equal([("healthy", 200), ("outage", 529), ("recovery", 200)], fakes.Journal.Calls.Select(c => (c.Phase, c.Status)));
    }

    [Fact]
    public async Task A_jump_into_a_phase_that_refuses_connections_holds_from_the_next_call()
    {
        var scenario = ChaosScenario.Create("port-down")
            .WithAnthropic("claude")
            .Phase("healthy", TimeSpan.FromMinutes(1))
            .Phase("down", TimeSpan.FromMinutes(1), ChaosFault.ConnectionRefused().On("claude"));
        await using var fakes = await ChaosFakes.StartAsync(scenario);
        var claude = Clients.Anthropic(fakes);

        fakes.JumpToPhase("down");
        await Assert.ThrowsAsync<AnthropicIOException>(() => claude.Messages.Create(Clients.Hello));
        fakes.JumpToPhase("healthy");
        await claude.Messages.Create(Clients.Hello);

        Assert.Equal([(0, "down"), (200, "healthy")], fakes.Journal.Calls.Select(c => (c.Status, c.Phase)));
    }

    [Fact]
    public async Task Past_the_last_phase_the_fakes_answer_without_timeline_faults()
    {
        await using var fakes = await ChaosFakes.StartAsync(Outage());
        fakes.JumpToPhase(1);

        fakes.JumpToEnd();
        await Clients.Anthropic(fakes).Messages.Create(Clients.Hello);

        Assert.Null(fakes.CurrentPhase);
        var call = Assert.Single(fakes.Journal.Calls);
        Assert.Equal(200, call.Status);
        Assert.Null(call.Phase);
    }

    [Fact]
    public async Task The_timeline_starts_held_and_moves_only_when_the_test_moves_it()
    {
        await using var fakes = await ChaosFakes.StartAsync(Outage());

        Assert.True(fakes.IsPaused);
        Assert.Equal(TimeSpan.Zero, fakes.Elapsed);
        fakes.JumpTo(TimeSpan.FromSeconds(90));
        Assert.Equal(TimeSpan.FromSeconds(90), fakes.Elapsed);
        Assert.Equal("outage", fakes.CurrentPhase);

        fakes.Resume();
        Assert.False(fakes.IsPaused);
        fakes.Pause();
        var held = fakes.Elapsed;
        Assert.True(fakes.IsPaused);
        Assert.Equal(held, fakes.Elapsed);
        Assert.True(held >= TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task Started_running_the_timeline_runs_as_in_chaoskit_serve()
    {
        await using var fakes = await ChaosFakes.StartAsync(Outage(), new ChaosFakesOptions { StartPaused = false });

        Assert.False(fakes.IsPaused);
        Assert.Equal("healthy", fakes.CurrentPhase);
    }

    [Fact]
    public async Task An_unknown_phase_is_refused_with_the_names_of_the_phases()
    {
        await using var fakes = await ChaosFakes.StartAsync(Outage());

        var error = Assert.Throws<ArgumentException>(() => fakes.JumpToPhase("outgae"));

        Assert.Contains("healthy, outage, recovery", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => fakes.JumpToPhase(3));
    }

    [Fact]
    public async Task Reset_brings_back_the_first_phase_with_no_live_fault_and_an_empty_journal()
    {
        await using var fakes = await ChaosFakes.StartAsync(Outage());
        fakes.JumpToPhase("outage");
        fakes.SwitchOn(ChaosFault.Latency(TimeSpan.FromMilliseconds(1)));
        await Assert.ThrowsAsync<AnthropicOverloadedException>(() => Clients.Anthropic(fakes).Messages.Create(Clients.Hello));

        fakes.Reset();

        Assert.Equal("healthy", fakes.CurrentPhase);
        Assert.True(fakes.IsPaused);
        Assert.Empty(fakes.LiveFaults);
        Assert.Empty(fakes.Journal.Calls);
    }
}
