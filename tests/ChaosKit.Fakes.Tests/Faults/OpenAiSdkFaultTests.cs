using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using ChaosKit.Fakes.Tests.Support;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Responses;

namespace ChaosKit.Fakes.Tests.Faults;

#pragma warning disable OPENAI001 // the Responses client is marked experimental in the SDK; the API itself is GA

/// <summary>What the official OpenAI .NET client (2.15) really does with each fault, against the real fake.</summary>
public sealed class OpenAiSdkFaultTests
{
    private static ChatClient Chat(FakeRun run, int retries = 0) =>
        new("gpt-4o-mini", new ApiKeyCredential(OpenAiRun.ApiKey), new OpenAIClientOptions
        {
            Endpoint = new Uri(run.Fake.BaseUrl, "v1"),
            RetryPolicy = new ClientRetryPolicy(retries),
        });

    [Fact]
    public async Task A_429_is_retried_after_the_retry_after_it_carried()
    {
        await using var run = await OpenAiRun.StartAsync(TestScenarios.Fault("rate_limit", 1.0, null, ("retry_after", "1s")));

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Chat(run, retries: 1).CompleteChatAsync([new UserChatMessage("Hi")]));
        var calls = (await JournalWait.CallsAsync(run, 2)).OrderBy(c => c.Arrival).ToList();

        Assert.Equal(429, error.Status);
        Assert.Equal(2, calls.Count);
        // A lower bound only: the client waited (about) the second it was told, rather than retrying at once.
        Assert.True(calls[1].Arrival - calls[0].Arrival >= TimeSpan.FromMilliseconds(900), $"retried after {calls[1].Arrival - calls[0].Arrival}");
    }

    [Fact]
    public async Task Unauthorized_raises_a_client_result_exception_with_401_and_is_not_retried()
    {
        await using var run = await OpenAiRun.StartAsync(TestScenarios.Fault("unauthorized"));

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Chat(run, retries: 2).CompleteChatAsync([new UserChatMessage("Hi")]));

        Assert.Equal(401, error.Status);
        Assert.Contains("invalid_api_key", error.Message, StringComparison.Ordinal);
        await JournalWait.CallsAsync(run, 1);
        Assert.Single(run.Calls);
    }

    [Fact]
    public async Task Insufficient_quota_is_parsed_into_the_exception_message()
    {
        await using var run = await OpenAiRun.StartAsync(TestScenarios.Fault("quota_exhausted"));

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Chat(run).CompleteChatAsync([new UserChatMessage("Hi")]));

        Assert.Equal(429, error.Status);
        Assert.StartsWith("HTTP 429 (insufficient_quota: insufficient_quota)", error.Message, StringComparison.Ordinal);
        Assert.Contains("You exceeded your current quota", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_edge_html_502_page_surfaces_as_a_502_error()
    {
        await using var run = await OpenAiRun.StartAsync(TestScenarios.Fault("malformed", 1.0, null, ("body", "html_502")));

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Chat(run).CompleteChatAsync([new UserChatMessage("Hi")]));

        Assert.Equal(502, error.Status);
        Assert.Contains("<center>cloudflare</center>", error.GetRawResponse()!.Content.ToString(), StringComparison.Ordinal);
        var call = await JournalWait.SingleCallAsync(run);
        Assert.Equal(502, call.Status);
        Assert.Equal("malformed", call.Fault);
    }

    [Fact]
    public async Task Truncated_json_raises_a_parse_error()
    {
        await using var run = await OpenAiRun.StartAsync(TestScenarios.Fault("malformed", 1.0, null, ("body", "truncated_json")));

        await Assert.ThrowsAnyAsync<JsonException>(() => Chat(run).CompleteChatAsync([new UserChatMessage("Hi")]));
    }

    [Fact]
    public async Task Output_content_filter_is_a_success_with_finish_reason_content_filter_plain_and_streamed()
    {
        await using var run = await OpenAiRun.StartAsync(TestScenarios.Fault("content_filter", 1.0, null, ("on", "output")));

        var completion = (await Chat(run).CompleteChatAsync([new UserChatMessage("Hi")])).Value;
        ChatFinishReason? streamedReason = null;
        var text = "";
        await foreach (var update in Chat(run).CompleteChatStreamingAsync([new UserChatMessage("Hi")]))
        {
            streamedReason ??= update.FinishReason;
            text += string.Concat(update.ContentUpdate.Select(p => p.Text));
        }

        Assert.Equal(ChatFinishReason.ContentFilter, completion.FinishReason);
        Assert.NotEmpty(completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.ContentFilter, streamedReason);
        Assert.Equal(completion.Content[0].Text, text);
        Assert.Equal("content_filter", (await JournalWait.CallsAsync(run, 2)).First().Fault);
    }

    // The client does not raise on the stream's error event (docs/providers.md#openai-sdk-behaviour records the same
    // for chat streams): it hands it over as an update, and the stream ends without a completed response.
    [Fact]
    public async Task A_mid_stream_error_event_on_the_responses_api_is_an_error_update_not_an_exception()
    {
        await using var run = await OpenAiRun.StartAsync(TestScenarios.Fault("stream_cut", 1.0, null, ("after_tokens", "2"), ("mode", "error"), ("status", "500")));
        var client = run.OpenAi().GetResponsesClient();
        var updates = new List<StreamingResponseUpdate>();

        await foreach (var update in await client.CreateResponseStreamingAsync("gpt-4o-mini", "Hello there"))
        {
            updates.Add(update);
            if (updates.Count > 1_000) break;
        }

        var error = Assert.Single(updates.OfType<StreamingResponseErrorUpdate>());
        Assert.Equal("server_error", error.Code);
        Assert.StartsWith("The server had an error", error.Message, StringComparison.Ordinal);
        Assert.Empty(updates.OfType<StreamingResponseCompletedUpdate>());
    }
}
