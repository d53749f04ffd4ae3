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

    [Fact]
    public async Task A_first_token_latency_a_slow_pace_and_a_cut_all_act_on_one_stream_in_any_listed_order()
    {
        // Listed cut first and latency last: the order the stages act in does not depend on it.
        var (body, call) = await StreamAsync(
            TestScenarios.Fault("stream_cut", 1.0, null, ("after_tokens", "5")),
            TestScenarios.Fault("stream_slow", 1.0, null, ("tokens_per_second", "10")),
            TestScenarios.Fault("latency", 1.0, null, ("delay", "2s"), ("on", "first_token")));

        Assert.Equal("stream_cut+stream_slow+latency", call.Fault);
        // The first token waited for the latency (and its own share of the slow pace).
        Assert.True(call.FirstToken >= TimeSpan.FromSeconds(2), $"first token after {call.FirstToken}");
        // Then every token waited its tenth of a second, up to the cut at 5 tokens.
        Assert.True(call.Duration >= TimeSpan.FromSeconds(2.5), $"took {call.Duration}");
        Assert.InRange(call.OutputTokens!.Value, 5, 8);
        Assert.Contains("content_block_delta", body, StringComparison.Ordinal);
        Assert.DoesNotContain("message_stop", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cut_by_time_counts_the_stall_before_it()
    {
        // The stall (10 s after 2 tokens) comes first, so the cut (5 s into the stream) ends it right after the stall.
        var (body, call) = await StreamAsync(
            TestScenarios.Fault("stream_cut", 1.0, null, ("after", "5s")),
            TestScenarios.Fault("stream_stall", 1.0, null, ("after_tokens", "2"), ("stall", "10s")));

        Assert.True(call.Duration >= TimeSpan.FromSeconds(10), $"took {call.Duration}");
        Assert.InRange(call.OutputTokens!.Value, 2, 4);
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
