using System.Diagnostics;
using System.Text;
using Anthropic.Models.Messages;
using ChaosKit.Core.Scenarios;
using ChaosKit.Fakes.Tests.Support;

namespace ChaosKit.Fakes.Tests.Anthropic;

[Collection(WallClockCollection.Name)]
public sealed class MessagesStreamingTests
{
    private static MessageCreateParams Hello(long maxTokens = 1024) => new()
    {
        Model = "claude-sonnet-4-5",
        MaxTokens = maxTokens,
        Messages = [new UserMessageParam("Hello, how are you today?")],
    };

    private static Task<FakeRun> StartAsync(StreamingSpec? streaming = null) =>
        FakeRun.StartAsync(TestScenarios.Create(
            [TestScenarios.Phase("only", TimeSpan.FromHours(1))],
            providers: [TestScenarios.ProviderOf("anthropic", TestScenarios.Provider, streaming)]));

    [Fact]
    public async Task Sdk_streams_the_same_text_and_usage_as_the_plain_answer()
    {
        await using var run = await StartAsync();
        var client = run.Client();
        var plain = await client.Messages.Create(Hello());

        var text = new StringBuilder();
        var kinds = new List<string>();
        string? model = null;
        long outputTokens = 0;
        string? stopReason = null;
        await foreach (var e in client.Messages.CreateStreaming(Hello()))
        {
            if (e.TryPickStart(out var start)) { kinds.Add("start"); model = start!.Message.Model.Raw(); }
            else if (e.TryPickContentBlockStart(out _)) kinds.Add("block_start");
            else if (e.TryPickContentBlockDelta(out var delta) && delta!.Delta.TryPickText(out var piece)) text.Append(piece!.Text);
            else if (e.TryPickContentBlockStop(out _)) kinds.Add("block_stop");
            else if (e.TryPickDelta(out var messageDelta))
            {
                kinds.Add("delta");
                outputTokens = messageDelta!.Usage.OutputTokens;
                stopReason = messageDelta.Delta.StopReason?.Raw();
            }
            else if (e.TryPickStop(out _)) kinds.Add("stop");
        }

        Assert.Equal(["start", "block_start", "block_stop", "delta", "stop"], kinds);
        Assert.Equal("claude-sonnet-4-5-20250929", model);
        Assert.True(plain.Content[0].TryPickText(out var plainText));
        Assert.Equal(plainText!.Text, text.ToString());
        Assert.Equal(plain.Usage.OutputTokens, outputTokens);
        Assert.Equal("end_turn", stopReason);
    }

    [Fact]
    public async Task Raw_stream_has_the_documented_event_sequence()
    {
        await using var run = await StartAsync();

        using var response = await run.PostMessagesAsync(
            """{"model":"claude-sonnet-4-5","max_tokens":8,"stream":true,"messages":[{"role":"user","content":"Hi"}]}""");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => e.Split('\n')[0]).ToList();
        Assert.Equal(["event: message_start", "event: content_block_start", "event: ping"], events.Take(3));
        Assert.Equal(["event: content_block_stop", "event: message_delta", "event: message_stop"], events.TakeLast(3));
        Assert.All(events.Skip(3).SkipLast(3), e => Assert.Equal("event: content_block_delta", e));
        // Each delta carries its fields in the recorded order (docs/providers.md#anthropic-streaming), as compact JSON.
        var deltas = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Skip(3).SkipLast(3).Select(e => e.Split('\n')[1]).ToList();
        Assert.All(deltas, d => Assert.Matches("""^data: \{"type":"content_block_delta","index":0,"delta":\{"type":"text_delta","text":"[^"]+"\}\}$""", d));
        Assert.Contains("data: {\"type\": \"ping\"}", body, StringComparison.Ordinal);
        Assert.Contains("\"stop_reason\":\"max_tokens\"", body, StringComparison.Ordinal);
        Assert.Contains("\"output_tokens\":8}", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Count_tokens_estimates_the_prompt()
    {
        await using var run = await StartAsync();

        var count = await run.Client().Messages.CountTokens(new MessageCountTokensParams
        {
            Model = "claude-sonnet-4-5",
            Messages = [new UserMessageParam("Hello, how are you today?")],
        });

        Assert.Equal((long)Math.Ceiling("Hello, how are you today?".Length / 4.0), count.InputTokens);
    }

    [Fact]
    public async Task Stream_follows_the_scenario_pace()
    {
        // 400 ms to the first token, then 50 tokens a second: 40 tokens take about 1.2 s in all.
        await using var run = await StartAsync(new StreamingSpec(TimeSpan.FromMilliseconds(400), 50, 0.2));
        var client = run.Client();
        await client.Messages.Create(Hello(maxTokens: 2)); // warm up the SDK and the JIT; only the stream is timed

        var clock = Stopwatch.StartNew();
        TimeSpan? firstToken = null;
        await foreach (var e in client.Messages.CreateStreaming(Hello(maxTokens: 40)))
        {
            if (firstToken is null && e.TryPickContentBlockDelta(out _)) firstToken = clock.Elapsed;
        }
        var total = clock.Elapsed;

        Assert.InRange(firstToken!.Value.TotalMilliseconds, 350, 1_500);
        Assert.InRange(total.TotalMilliseconds, 1_000, 3_500);
    }
}
