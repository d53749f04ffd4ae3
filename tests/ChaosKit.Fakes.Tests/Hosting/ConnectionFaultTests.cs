using System.Net;
using System.Net.Sockets;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using ChaosKit.Core.Scenarios;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Hosting;
using ChaosKit.Fakes.Journal;
using ChaosKit.Fakes.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ChaosKit.Fakes.Tests.Hosting;

public sealed class ConnectionFaultTests
{
    private static readonly MessageCreateParams Hello = new()
    {
        Model = "claude-sonnet-4-5",
        MaxTokens = 64,
        Messages = [new UserMessageParam("Hello")],
    };

    [Fact]
    public async Task Reset_on_accept_is_a_connection_reset_for_the_client_and_a_status_0_line_in_the_journal()
    {
        await using var run = await FakeRun.StartAsync(TestScenarios.Fault(ResetOnAcceptFault.Kind));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => run.PostMessagesAsync(FakeRun.HelloBody));

        Assert.Contains(SocketErrorsOf(error), e => e is SocketError.ConnectionReset);
        var call = await JournalWait.SingleCallAsync(run);
        Assert.Equal(CallRecord.NoRequest, call.Status);
        Assert.Equal(ResetOnAcceptFault.Kind, call.Fault);
        Assert.Equal(ConnectionFaultPlan.ConnectionRoute, call.Route);
        Assert.Equal(0, call.Phase);
    }

    [Fact]
    public async Task The_anthropic_sdk_retries_a_reset_on_accept_twice_then_raises_its_io_exception()
    {
        await using var run = await FakeRun.StartAsync(TestScenarios.Fault(ResetOnAcceptFault.Kind));

        await Assert.ThrowsAsync<AnthropicIOException>(() => run.Client(maxRetries: 2).Messages.Create(Hello));

        var calls = await JournalWait.CallsAsync(run, 3);
        Assert.Equal(3, calls.Count);
        Assert.All(calls, c => Assert.Equal(ResetOnAcceptFault.Kind, c.Fault));
    }

    [Fact]
    public async Task The_anthropic_sdk_gets_through_on_a_new_connection_when_only_the_first_is_reset()
    {
        // A seed whose dice reset connection 1 and spare connection 2 at the rate between their two rolls.
        var (seed, rate) = SeedResettingOnlyTheFirstConnection();
        await using var run = await FakeRun.StartAsync(TestScenarios.Create(
            [TestScenarios.Phase("only", TimeSpan.FromHours(1), TestScenarios.Fault(ResetOnAcceptFault.Kind, rate))], seed));

        var message = await run.Client(maxRetries: 2).Messages.Create(Hello);

        Assert.NotEmpty(message.Content);
        var calls = await JournalWait.CallsAsync(run, 2);
        Assert.Equal([ResetOnAcceptFault.Kind, null], calls.Select(c => c.Fault));
        Assert.Equal(200, calls.Last().Status);
        Assert.Equal(1, calls.Last().RetryCount); // the SDK's own count of its retry
    }

    [Fact]
    public async Task Hang_on_accept_holds_the_connection_until_the_client_gives_up()
    {
        await using var run = await FakeRun.StartAsync(TestScenarios.Fault(HangOnAcceptFault.Kind));
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.PostMessagesAsync(FakeRun.HelloBody, ct: giveUp.Token));

        var call = await JournalWait.SingleCallAsync(run);
        Assert.Equal(HangOnAcceptFault.Kind, call.Fault);
        Assert.Equal(CallRecord.NoRequest, call.Status);
    }

    [Fact]
    public async Task Hang_on_accept_lets_go_when_the_fakes_stop()
    {
        var run = await FakeRun.StartAsync(TestScenarios.Fault(HangOnAcceptFault.Kind));
        var call = run.PostMessagesAsync(FakeRun.HelloBody);
        await WaitUntilAsync(() => !call.IsCompleted && run.Fake.InFlight == 0, attempts: 10); // let it connect

        await run.DisposeAsync();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => call);
        Assert.True(error is HttpRequestException or OperationCanceledException, error.ToString());
    }

    [Fact]
    public async Task Per_connection_faults_close_kept_alive_connections_so_every_call_meets_the_dice()
    {
        // Half the first connection's roll: the fault is on but spares that connection, whose answer closes it.
        var rate = FaultDice.Roll(42, TestScenarios.Provider, 0, 0, "connection-1") / 2;
        await using var run = await FakeRun.StartAsync(TestScenarios.Fault(ResetOnAcceptFault.Kind, rate));

        using var response = await run.PostMessagesAsync(FakeRun.HelloBody);

        Assert.True(response.Headers.ConnectionClose);
    }

    [Fact(Timeout = 60_000)]
    public async Task Connection_refused_closes_the_port_for_its_phase_and_the_same_port_listens_again_after()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var scenario = TestScenarios.Create(
        [
            TestScenarios.Phase("baseline", TimeSpan.FromSeconds(10)),
            TestScenarios.Phase("down", TimeSpan.FromSeconds(10), TestScenarios.Fault(ConnectionRefusedFault.Kind)),
            TestScenarios.Phase("recovery", TimeSpan.FromSeconds(10)),
        ]);
        await using var run = await FakeRun.StartAsync(scenario, time);
        var port = run.Fake.Port;
        using var pooled = await run.PostMessagesAsync(FakeRun.HelloBody); // leaves a kept-alive connection in the pool
        Assert.Equal(HttpStatusCode.OK, pooled.StatusCode);

        time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(await PortStateAsync(time, port, refused: true));
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => run.PostMessagesAsync(FakeRun.HelloBody));
        Assert.Contains(SocketErrorsOf(refused), e => e is SocketError.ConnectionRefused);

        time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(await PortStateAsync(time, port, refused: false));
        using var back = await run.PostMessagesAsync(FakeRun.HelloBody);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Equal(port, run.Fake.Port);

        var closed = Assert.Single(await JournalWait.CallsAsync(run, 3), c => c.Fault == ConnectionRefusedFault.Kind);
        Assert.Equal((CallRecord.NoRequest, 1), (closed.Status, closed.Phase));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_flapping_connection_refused_closes_and_reopens_the_port_with_each_stretch()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var flapping = TestScenarios.Fault(ConnectionRefusedFault.Kind) with
        {
            Timing = new Core.Timeline.FaultTiming { FlapOn = TimeSpan.FromSeconds(5), FlapOff = TimeSpan.FromSeconds(5) },
        };
        await using var run = await FakeRun.StartAsync(TestScenarios.Create([TestScenarios.Phase("flapping", TimeSpan.FromMinutes(1), flapping)]), time);
        var port = run.Fake.Port;

        Assert.True(await PortStateAsync(time, port, refused: true)); // on at the phase start
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(await PortStateAsync(time, port, refused: false));
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(await PortStateAsync(time, port, refused: true));
        Assert.Equal(2, run.Calls.Count(c => c.Fault == ConnectionRefusedFault.Kind));
    }

    [Fact(Timeout = 60_000)]
    public async Task Connection_faults_switched_on_live_act_at_accept_until_cleared()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var live = new LiveFaults();
        await using var run = await FakeRun.StartAsync(
            TestScenarios.Create([TestScenarios.Phase("only", TimeSpan.FromHours(1))]), time, options: new FakeOptions { LiveFaults = live });
        var port = run.Fake.Port;

        live.SwitchOn(TestScenarios.Fault(ResetOnAcceptFault.Kind));
        var reset = await Assert.ThrowsAsync<HttpRequestException>(() => run.PostMessagesAsync(FakeRun.HelloBody));
        Assert.Contains(SocketErrorsOf(reset), e => e is SocketError.ConnectionReset);

        live.Clear();
        live.SwitchOn(TestScenarios.Fault(ConnectionRefusedFault.Kind));
        Assert.True(await PortStateAsync(time, port, refused: true));

        live.Clear();
        Assert.True(await PortStateAsync(time, port, refused: false));
        using var back = await run.PostMessagesAsync(FakeRun.HelloBody);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        // Each connection is journaled when the server is done with it, which for the reset can be after the client
        // has moved on: the three records are there, in whatever order the server finished them.
        Assert.Equal(
            new[] { ResetOnAcceptFault.Kind, ConnectionRefusedFault.Kind, "" }.Order(),
            (await JournalWait.CallsAsync(run, 3)).Select(c => c.Fault ?? "").Order());
    }

    [Fact]
    public void Connection_refused_at_a_share_of_calls_is_a_scenario_error()
    {
        var error = Assert.Throws<ScenarioException>(() => FaultCatalog.Default.Validate(TestScenarios.Fault(ConnectionRefusedFault.Kind, 0.5)));

        Assert.Contains("rate must be 1", error.Message);
        Assert.Contains("reset_on_accept", error.Message);
    }

    [Fact]
    public void A_route_cannot_narrow_a_connection_fault()
    {
        var fault = TestScenarios.Fault(HangOnAcceptFault.Kind) with { Route = "/v1/messages" };

        var error = Assert.Throws<ScenarioException>(() => FaultCatalog.Default.Validate(fault));

        Assert.Equal("route", error.Field);
    }

    /// <summary>
    /// Steps the fake clock by the listener's watch interval until a connect is refused (or accepted), within a bound.
    /// </summary>
    private static async Task<bool> PortStateAsync(FakeTimeProvider time, int port, bool refused)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            time.Advance(FaultyConnectionListener.WatchInterval);
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(IPAddress.Loopback, port);
                if (!refused) return true;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
                if (refused) return true;
            }
            await Task.Delay(10);
        }
        return false;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, int attempts)
    {
        for (var i = 0; i < attempts && !condition(); i++) await Task.Delay(20);
        await Task.Delay(50);
    }

    private static IEnumerable<SocketError> SocketErrorsOf(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket) yield return socket.SocketErrorCode;
        }
    }

    private static (int Seed, double Rate) SeedResettingOnlyTheFirstConnection()
    {
        for (var seed = 1; seed < 1_000; seed++)
        {
            var first = FaultDice.Roll(seed, TestScenarios.Provider, 0, 0, "connection-1");
            var second = FaultDice.Roll(seed, TestScenarios.Provider, 0, 0, "connection-2");
            if (first < second) return (seed, (first + second) / 2);
        }
        throw new InvalidOperationException("No seed in 1..999 resets only the first connection.");
    }
}
