using System.Text.Json;
using Anthropic.Models.Messages;
using ChaosKit.Fakes.Tests.Support;

namespace ChaosKit.Fakes.Tests.Anthropic;

/// <summary>Extended thinking: a signed thinking block before the answer, counted in the usage and the token limit.</summary>
public sealed class ThinkingTests
{
    private const string Enabled = """{"type":"enabled","budget_tokens":1024}""";

    private static string Body(string thinking, int maxTokens = 2000, bool stream = false) =>
        $$"""{"model":"claude-haiku-4-5","max_tokens":{{maxTokens}},"stream":{{(stream ? "true" : "false")}},"thinking":{{thinking}},"messages":[{"role":"user","content":"Think first"}]}""";

    [Fact]
    public async Task Sdk_gets_a_signed_thinking_block_then_the_text_and_both_count_as_output()
    {
        await using var run = await FakeRun.StartAsync();

        var message = await run.Client().Messages.Create(new MessageCreateParams
        {
            Model = "claude-haiku-4-5",
            MaxTokens = 2000,
            Thinking = new ThinkingConfigEnabled(1024),
            Messages = [new UserMessageParam("Think first")],
        });

        Assert.Equal(2, message.Content.Count);
        Assert.True(message.Content[0].TryPickThinking(out var thinking));
        Assert.True(message.Content[1].TryPickText(out var text));
        Assert.False(string.IsNullOrEmpty(thinking!.Thinking));
        Assert.False(string.IsNullOrEmpty(thinking.Signature));
        var tokens = (thinking.Thinking.Length + 3) / 4 + (text!.Text.Length + 3) / 4;
        Assert.InRange(message.Usage.OutputTokens, tokens - 1, tokens + 1);
    }

    [Fact]
    public async Task Raw_stream_sends_the_thinking_block_at_index_0_and_the_text_at_index_1()
    {
        await using var run = await FakeRun.StartAsync();

        using var response = await run.PostMessagesAsync(Body(Enabled, stream: true));
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Split('\n')).Select(lines => (Name: lines[0]["event: ".Length..], Data: lines[1]["data: ".Length..])).ToList();
        string Delta(int i) => JsonDocument.Parse(events[i].Data).RootElement.GetProperty("delta").GetProperty("type").GetString()!;
        int Index(int i) => JsonDocument.Parse(events[i].Data).RootElement.GetProperty("index").GetInt32();

        Assert.Equal(["message_start", "content_block_start", "ping"], events.Take(3).Select(e => e.Name));
        Assert.Contains("\"type\":\"thinking\"", events[1].Data, StringComparison.Ordinal);
        var signature = events.FindIndex(e => e.Data.Contains("signature_delta", StringComparison.Ordinal));
        Assert.All(Enumerable.Range(3, signature - 3), i => Assert.Equal("thinking_delta", Delta(i)));
        Assert.True(signature > 3);
        Assert.Equal(("content_block_stop", 0), (events[signature + 1].Name, Index(signature + 1)));
        Assert.Equal(("content_block_start", 1), (events[signature + 2].Name, Index(signature + 2)));
        Assert.All(Enumerable.Range(signature + 3, events.Count - signature - 6), i => Assert.Equal(("text_delta", 1), (Delta(i), Index(i))));
        Assert.Equal(["content_block_stop", "message_delta", "message_stop"], events.TakeLast(3).Select(e => e.Name));
        Assert.Equal(1, Index(events.Count - 3));
    }

    [Fact]
    public async Task Omitted_display_keeps_the_signature_and_the_tokens_but_not_the_text()
    {
        await using var run = await FakeRun.StartAsync();

        using var response = await run.PostMessagesAsync(Body("""{"type":"enabled","budget_tokens":1024,"display":"omitted"}"""));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var content = json.RootElement.GetProperty("content");
        var textTokens = (content[1].GetProperty("text").GetString()!.Length + 3) / 4;

        Assert.Equal("thinking", content[0].GetProperty("type").GetString());
        Assert.Equal("", content[0].GetProperty("thinking").GetString());
        Assert.NotEqual("", content[0].GetProperty("signature").GetString());
        // The thinking still happened: its tokens are billed though its text is left out.
        Assert.True(json.RootElement.GetProperty("usage").GetProperty("output_tokens").GetInt32() > textTokens);
    }

    [Theory]
    [InlineData("""{"type":"enabled","budget_tokens":512}""", 2000, "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024")]
    [InlineData("""{"type":"enabled"}""", 2000, "thinking.enabled.budget_tokens: Field required")]
    [InlineData(Enabled, 1024, "`max_tokens` must be greater than `thinking.budget_tokens`.")]
    [InlineData("""{"type":"deep"}""", 2000, "thinking: Input tag 'deep' found using 'type' does not match")]
    public async Task A_bad_thinking_setting_is_a_400(string thinking, int maxTokens, string message)
    {
        await using var run = await FakeRun.StartAsync();

        using var response = await run.PostMessagesAsync(Body(thinking, maxTokens));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(400, (int)response.StatusCode);
        Assert.StartsWith(message, json.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"disabled"}""")]
    [InlineData("""{"type":"between_tools"}""")]
    public async Task Without_thinking_before_the_answer_there_is_only_the_text(string thinking)
    {
        await using var run = await FakeRun.StartAsync();

        using var response = await run.PostMessagesAsync(Body(thinking));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(["text"], json.RootElement.GetProperty("content").EnumerateArray().Select(b => b.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task Thinking_counts_against_max_tokens()
    {
        await using var run = await FakeRun.StartAsync();

        using var response = await run.PostMessagesAsync(Body("""{"type":"adaptive"}""", maxTokens: 60));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(60, json.RootElement.GetProperty("usage").GetProperty("output_tokens").GetInt32());
        Assert.Equal("max_tokens", json.RootElement.GetProperty("stop_reason").GetString());
    }
}
