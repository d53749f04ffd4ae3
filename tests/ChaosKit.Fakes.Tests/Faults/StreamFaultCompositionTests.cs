using System.Text;
using ChaosKit.Core.Scenarios;
using ChaosKit.Fakes.Journal;
using ChaosKit.Fakes.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ChaosKit.Fakes.Tests.Faults;

/// <summary>Stream faults in one phase act together on one streamed call, on a clock the test drives.</summary>
public sealed class StreamFaultCompositionTests
{
    private const string StreamBody =
        """{"model":"claude-sonnet-4-5","max_tokens":256,"stream":true,"messages":[{"role":"user","content":"Tell me about Paris"}]}""";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 6, 7, 8, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_first_token_latency_a_slow_pace_and_a_cut_all_act_on_one_stream_in_any_listed_order(bool cutListedFirst)
    {
        FaultSpec[] faults =
        [
            TestScenarios.Fault("latency", 1.0, null, ("delay", "2s"), ("on", "first_token")),
            TestScenarios.Fault("stream_slow", 1.0, null, ("tokens_per_second", "10")),
            TestScenarios.Fault("stream_cut", 1.0, null, ("after_tokens", "5")),
        ];
        if (cutListedFirst) Array.Reverse(faults);

        var (body, call) = await StreamAsync(faults);

        Assert.Equal(string.Join('+', faults.Select(f => f.Kind)), call.Fault);
        // One token a chunk: the cut lets exactly 5 out.
        Assert.Equal(5, call.OutputTokens);
        // The first token waits the latency, then its own tenth of a second of the slow pace.
        Assert.True(call.FirstToken >= TimeSpan.FromSeconds(2.1), $"first token after {call.FirstToken}");
        // After it, five more tenths: tokens 2 to 5 and the sixth chunk, which the pace holds before the cut drops it
        // (the cut acts last whatever the listed order, so it sees the time the waits took).
        var afterFirst = call.Duration - call.FirstToken!.Value;
        Assert.True(afterFirst >= TimeSpan.FromSeconds(0.5), $"{afterFirst} after the first token");
        Assert.Contains("content_block_delta", body, StringComparison.Ordinal);
        Assert.DoesNotContain("message_stop", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_cut_by_time_counts_the_stall_before_it(bool cutListedFirst)
    {
        // The stall (10 s after 2 tokens) acts before the cut (5 s into the stream), which then ends the stream at
        // the very chunk the stall held: no token gets out after the stall.
        FaultSpec[] faults =
        [
            TestScenarios.Fault("stream_stall", 1.0, null, ("after_tokens", "2"), ("stall", "10s")),
            TestScenarios.Fault("stream_cut", 1.0, null, ("after", "5s")),
        ];
        if (cutListedFirst) Array.Reverse(faults);

        var (body, call) = await StreamAsync(faults);

        Assert.True(call.Duration >= TimeSpan.FromSeconds(10), $"took {call.Duration}");
        Assert.Equal(2, call.OutputTokens);
        Assert.DoesNotContain("message_stop", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_stream_faults_the_stream_runs_whole()
    {
        var (body, call) = await StreamAsync(TestScenarios.Latency("0s"));

        Assert.Equal("latency", call.Fault);
        Assert.Contains("message_stop", body, StringComparison.Ordinal);
        Assert.True(call.OutputTokens > 8, $"{call.OutputTokens} tokens");
    }

    /// <summary>One streamed call in a phase with <paramref name="faults"/>, the fake clock stepped until it is read.</summary>
    private async Task<(string Body, CallRecord Call)> StreamAsync(params FaultSpec[] faults)
    {
        await using var run = await FakeRun.StartAsync(TestScenarios.Create(
            [TestScenarios.Phase("only", TimeSpan.FromHours(1), faults)],
            providers: [TestScenarios.ProviderOf("anthropic", TestScenarios.Provider)]), _time);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages") { Content = new StringContent(StreamBody, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", FakeRun.ApiKey);
        request.Headers.Add("anthropic-version", "2023-06-01");

        // The headers go out before any wait; the run's time starts moving once they are in.
        using var response = await run.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var reading = response.Content.ReadAsStringAsync();
        // Steps of 20 ms of run time: each wait of the stream ends at its step or a little after, never before.
        for (var step = 0; step < 5_000 && !reading.IsCompleted; step++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(20));
            await Task.Delay(1);
        }
        var body = await reading;
        return (body, await JournalWait.SingleCallAsync(run));
    }
}
