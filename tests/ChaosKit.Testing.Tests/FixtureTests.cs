using Anthropic.Exceptions;
using ChaosKit.Testing.Xunit;

namespace ChaosKit.Testing.Tests;

/// <summary>An outage shared by the tests of one class, as a team would write it with the xunit v2 fixture.</summary>
public sealed class ClaudeOutage : ChaosFakesFixture
{
    protected override ChaosScenario CreateScenario() => ChaosScenario.Create("claude-outage")
        .WithAnthropic("claude")
        .Phase("healthy", TimeSpan.FromMinutes(1))
        .Phase("outage", TimeSpan.FromMinutes(1), ChaosFault.Overloaded().On("claude"));
}

public sealed class FixtureTests(ClaudeOutage outage) : IClassFixture<ClaudeOutage>
{
    [Fact]
    public async Task The_fixture_s_fakes_are_started_before_a_test_and_answer_in_their_first_phase()
    {
        outage.Fakes.Reset();

        await Clients.Anthropic(outage.Fakes).Messages.Create(Clients.Hello);

        Assert.Equal(200, Assert.Single(outage.Fakes.Journal.Calls).Status);
    }

    [Fact]
    public async Task A_test_that_moves_the_shared_timeline_starts_from_a_reset()
    {
        outage.Fakes.Reset();
        outage.Fakes.JumpToPhase("outage");

        await Assert.ThrowsAsync<AnthropicOverloadedException>(() => Clients.Anthropic(outage.Fakes).Messages.Create(Clients.Hello));

        Assert.Equal(529, Assert.Single(outage.Fakes.Journal.Calls).Status);
    }

    [Fact]
    public async Task Fakes_read_before_the_fixture_started_say_when_they_start()
    {
        var fixture = new ClaudeOutage();

        var error = Assert.Throws<InvalidOperationException>(() => fixture.Fakes);
        Assert.Contains("before the first test", error.Message, StringComparison.Ordinal);
        await fixture.DisposeAsync();
    }
}
