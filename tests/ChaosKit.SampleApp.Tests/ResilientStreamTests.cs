using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChaosKit.SampleApp.Tests.Support;
using static ChaosKit.SampleApp.Tests.Support.Scenarios;

namespace ChaosKit.SampleApp.Tests;

/// <summary>
/// The <c>resilient</c> profile's streams: a stream that breaks midway is finished by the other provider, or marked
/// as cut; one that never starts, or stalls, is bounded by the stream's own timeouts.
/// </summary>
public sealed class ResilientStreamTests
{
    [Theory]
    [InlineData("close")]
    [InlineData("reset")]
    [InlineData("error")]
    public async Task A_stream_cut_midway_is_finished_by_the_other_provider(string mode)
    {
        await using var run = await SampleAppRun.StartAsync(
            With(openAi: true, ReadablePace, Fault("stream_cut", Claude, ReadableCut, $"mode: {mode}")), SampleAppRun.FastResilient);

        var answer = await run.StreamAsync();

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(("anthropic", "provider"), (answer.ServedBy, answer.Source));
        var done = answer.Done!.Value;
        Assert.Equal(("openai", "anthropic"), (done.Text("servedBy"), done.Text("continuedFrom")));
        Assert.False(done.GetProperty("cut").GetBoolean());
        Assert.Contains("anthropic: ", done.Text("reason"));
        Assert.Equal((1, 1), ((await run.CallsAsync(Claude, 1)).Total, (await run.CallsAsync(Gpt, 1)).Total));
        // What the user read is what the app kept: Claude's start, then OpenAI's continuation.
        var kept = await run.App.GetFromJsonAsync<JsonElement>($"/api/history/{done.Text("id")}");
        Assert.Equal(answer.Text, kept.Text("answer"));
        Assert.Equal("anthropic", kept.Text("continuedFrom"));
    }

    [Fact]
    public async Task A_stream_cut_midway_with_no_other_provider_ends_marked_as_cut()
    {
        await using var run = await SampleAppRun.StartAsync(
            With(openAi: false, ReadablePace, Fault("stream_cut", Claude, ReadableCut, "mode: reset")), SampleAppRun.FastResilient);

        var answer = await run.StreamAsync();

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.True(answer.Deltas > 0);
        var done = answer.Done!.Value;
        Assert.True(done.GetProperty("cut").GetBoolean(), answer.Body);
        Assert.Equal("anthropic", done.Text("servedBy"));
        var kept = await run.App.GetFromJsonAsync<JsonElement>($"/api/history/{done.Text("id")}");
        Assert.True(kept.GetProperty("cut").GetBoolean());
    }

    [Theory]
    [InlineData("anthropic", Claude, "openai")]
    [InlineData("openai", Gpt, "anthropic")]
    public async Task A_stream_with_no_first_token_in_time_goes_to_the_other_provider(string primary, string stalled, string other)
    {
        var settings = SampleAppRun.Resilient(("SampleApp:Primary", primary));
        await using var run = await SampleAppRun.StartAsync(With(openAi: true, Fault("stream_stall", stalled, "stall: forever")), settings);

        var answer = await run.StreamAsync();

        Assert.Equal((other, "provider"), (answer.ServedBy, answer.Source));
        var done = answer.Done!.Value;
        Assert.Equal(other, done.Text("servedBy"));
        Assert.Equal(JsonValueKind.Null, done.GetProperty("continuedFrom").ValueKind);
        Assert.Contains("no first token within 1 s", done.Text("reason"));
        Assert.Equal(1, (await run.CallsAsync(stalled, 1)).Total);
    }

    [Theory]
    [InlineData(true, "openai")]
    [InlineData(false, "anthropic")]
    public async Task A_slow_first_token_is_waited_for_briefly_while_another_provider_follows_and_in_full_on_the_last(bool openAi, string servedBy)
    {
        // A brownout: Claude's first token comes after 1.5 s. With OpenAI behind it, the app waits 0.5 s and asks
        // OpenAI; alone, Claude gets its whole first-token timeout.
        var settings = SampleAppRun.Resilient(("SampleApp:Resilient:FirstTokenTimeoutSeconds", "10"), ("SampleApp:Resilient:FirstTokenFailoverSeconds", "0.5"));
        await using var run = await SampleAppRun.StartAsync(With(openAi, Fault("latency", Claude, "delay: 1500ms", "on: first_token")), settings);

        var answer = await run.StreamAsync();

        Assert.Equal((servedBy, "provider"), (answer.ServedBy, answer.Source));
        if (openAi) Assert.Contains("no first token within 0.5 s", answer.Done!.Value.Text("reason"));
        Assert.Equal(1, (await run.CallsAsync(Claude, 1)).Total);
    }

    [Fact]
    public async Task A_stream_that_stalls_midway_is_finished_by_the_other_provider()
    {
        await using var run = await SampleAppRun.StartAsync(
            With(openAi: true, Fault("stream_stall", Claude, "stall: forever", "after_tokens: 5")), SampleAppRun.FastResilient);

        var answer = await run.StreamAsync();

        var done = answer.Done!.Value;
        Assert.Equal(("openai", "anthropic"), (done.Text("servedBy"), done.Text("continuedFrom")));
        Assert.Contains("stalled for 1 s", done.Text("reason"));
    }

    [Fact]
    public async Task A_stream_that_outlasts_the_attempt_timeout_is_not_cut_by_it()
    {
        // The pipeline's timeouts end with the response headers; a stream's body is bounded by its own deadlines.
        const string slow = """
            providers:
              - name: claude
                kind: anthropic
                streaming: { ttft: 5ms, tokens_per_second: 25 }
            timeline:
              - name: only
                duration: 1h
            """;
        var settings = SampleAppRun.Resilient(
            ("SampleApp:Resilient:AttemptTimeoutSeconds", "0.2"), ("SampleApp:Resilient:TotalTimeoutSeconds", "0.3"), ("Anthropic:MaxTokens", "20"));
        await using var run = await SampleAppRun.StartAsync(slow, settings);

        var answer = await run.StreamAsync();

        var done = answer.Done!.Value;
        Assert.False(done.GetProperty("cut").GetBoolean(), done.Text("reason"));
        Assert.Equal("anthropic", done.Text("servedBy"));
        Assert.Equal(JsonValueKind.Null, done.GetProperty("reason").ValueKind);
    }

    [Fact]
    public async Task A_stream_that_no_provider_can_start_is_answered_from_the_knowledge_base()
    {
        await using var run = await SampleAppRun.StartAsync(
            With(openAi: true, Fault("error", Claude, "status: 529", "should_retry: false"), Fault("error", Gpt, "status: 503", "should_retry: false")),
            SampleAppRun.FastResilient);

        var answer = await run.StreamAsync("How do I turn on two-factor authentication?");

        Assert.Equal(("knowledge-base", "fallback"), (answer.ServedBy, answer.Source));
        Assert.Contains("authenticator app", answer.Text);
        Assert.Equal("knowledge-base", answer.Done!.Value.Text("servedBy"));
    }
}
