using Anthropic.Exceptions;
using ChaosKit.Core.Scenarios;

namespace ChaosKit.Testing.Tests;

public sealed class LiveFaultTests
{
    [Fact]
    public async Task A_live_fault_hits_the_next_call_and_stops_when_switched_off()
    {
        await using var fakes = await ChaosFakes.StartAsync(Clients.Claude());
        var claude = Clients.Anthropic(fakes);

        using (var outage = fakes.SwitchOn(ChaosFault.Error(503).On("claude")))
        {
            Assert.True(outage.IsOn);
            var error = await Assert.ThrowsAnyAsync<AnthropicApiException>(() => claude.Messages.Create(Clients.Hello));
            Assert.Equal(503, (int)error.StatusCode);
        }
        await claude.Messages.Create(Clients.Hello);

        Assert.Equal([(503, "error"), (200, null)], fakes.Journal.Calls.Select(c => (c.Status, c.Fault)));
        Assert.Empty(fakes.LiveFaults);
    }

    [Fact]
    public async Task Switching_one_off_leaves_the_others_on()
    {
        await using var fakes = await ChaosFakes.StartAsync(Clients.Claude());
        var slow = fakes.SwitchOn(ChaosFault.Latency(TimeSpan.FromMilliseconds(1)));
        var broken = fakes.SwitchOn(ChaosFault.Of("server_error"));

        slow.SwitchOff();
        await Assert.ThrowsAnyAsync<AnthropicApiException>(() => Clients.Anthropic(fakes).Messages.Create(Clients.Hello));
        Assert.False(slow.IsOn);
        Assert.True(broken.IsOn);

        fakes.SwitchOffAll();
        await Clients.Anthropic(fakes).Messages.Create(Clients.Hello);

        Assert.False(broken.IsOn);
        Assert.Equal(["server_error", null], fakes.Journal.Calls.Select(c => c.Fault));
    }

    [Fact]
    public async Task A_live_fault_is_checked_as_a_phase_s_fault_and_as_chaoskit_serve_checks_one()
    {
        await using var fakes = await ChaosFakes.StartAsync(Clients.Claude());

        var status = Assert.Throws<ScenarioException>(() => fakes.SwitchOn(ChaosFault.Error(200)));
        var provider = Assert.Throws<ScenarioException>(() => fakes.SwitchOn(ChaosFault.Overloaded().On("cluade")));
        var ramp = Assert.Throws<ScenarioException>(() => fakes.SwitchOn(ChaosFault.Overloaded().Ramping(0, 1)));

        Assert.Equal("status", status.Field);
        Assert.Equal("provider", provider.Field);
        Assert.Contains("claude", provider.Problem, StringComparison.Ordinal);
        Assert.Equal("ramp", ramp.Field);
        Assert.StartsWith("live fault 'error': status: ", status.Message, StringComparison.Ordinal);
        Assert.Empty(fakes.LiveFaults);
    }

    [Fact]
    public async Task Connection_refused_closes_the_port_until_switched_off()
    {
        await using var fakes = await ChaosFakes.StartAsync(Clients.Claude());

        using (fakes.SwitchOn(ChaosFault.ConnectionRefused().On("claude")))
        {
            await Assert.ThrowsAsync<AnthropicIOException>(() => Clients.Anthropic(fakes).Messages.Create(Clients.Hello));
        }
        await Clients.Anthropic(fakes).Messages.Create(Clients.Hello);

        var calls = fakes.Journal.Calls;
        Assert.Contains(calls, c => c.IsConnectionFault && c.Fault == "connection_refused");
        Assert.Equal(200, calls[^1].Status);
    }
}
