using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChaosKit.Fakes.Tests.Support;

namespace ChaosKit.Fakes.Tests.OpenAi;

/// <summary>
/// Reasoning models (o-series, gpt-5): hidden reasoning tokens billed as output and taken from the token limit, and
/// in the Responses API a reasoning item before the message, so code that reads output[0] as the message breaks as
/// it does against the real API.
/// </summary>
public sealed class ReasoningModelTests
{
    private static async Task<JsonElement> PostAsync(FakeRun run, string path, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", OpenAiRun.ApiKey);
        using var response = await run.Http.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task Chat_bills_reasoning_tokens_as_completion_tokens_and_other_models_none()
    {
        await using var run = await OpenAiRun.StartAsync();

        var reasoning = await PostAsync(run, "v1/chat/completions", """{"model":"o4-mini","reasoning_effort":"low","messages":[{"role":"user","content":"Hi"}]}""");
        var plain = await PostAsync(run, "v1/chat/completions", """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}]}""");
        var usage = reasoning.GetProperty("usage");
        var hidden = usage.GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32();
        var text = reasoning.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;

        Assert.InRange(hidden, 32, 128);
        Assert.Equal((text.Length + 3) / 4 + hidden, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(0, plain.GetProperty("usage").GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32());
    }

    [Fact]
    public async Task The_journal_bills_a_streamed_calls_hidden_reasoning_as_the_usage_does()
    {
        await using var run = await OpenAiRun.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = new StringContent("""{"model":"o4-mini","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Hi"}]}""",
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", OpenAiRun.ApiKey);

        using var response = await run.Http.SendAsync(request);
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        using var usageChunk = JsonDocument.Parse(events[^2]["data: ".Length..]);
        var usage = usageChunk.RootElement.GetProperty("usage");
        var call = await JournalWait.SingleCallAsync(run);

        Assert.True(usage.GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32() > 0);
        Assert.Equal(usage.GetProperty("completion_tokens").GetInt32(), call.OutputTokens);
    }

    [Fact]
    public async Task A_small_limit_is_spent_on_reasoning_and_the_answer_is_empty_and_cut()
    {
        await using var run = await OpenAiRun.StartAsync();

        var chat = await PostAsync(run, "v1/chat/completions", """{"model":"gpt-5","max_completion_tokens":20,"messages":[{"role":"user","content":"Hi"}]}""");
        var choice = chat.GetProperty("choices")[0];

        Assert.Equal("", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(20, chat.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(20, chat.GetProperty("usage").GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32());
    }

#pragma warning disable OPENAI001 // the Responses client is marked experimental in OpenAI 2.x
    [Fact]
    public async Task Dotnet_sdk_reads_the_reasoning_item_and_the_output_text()
    {
        await using var run = await OpenAiRun.StartAsync();

        OpenAI.Responses.ResponseResult result = await run.OpenAi().GetResponsesClient().CreateResponseAsync("gpt-5", "Hi");

        Assert.IsType<OpenAI.Responses.ReasoningResponseItem>(result.OutputItems[0]);
        Assert.False(string.IsNullOrEmpty(result.GetOutputText()));
        Assert.True(result.Usage.OutputTokenDetails.ReasoningTokenCount > 0);
    }

    [Fact]
    public async Task Dotnet_sdk_reads_a_reasoning_summary_when_asked_for_one()
    {
        await using var run = await OpenAiRun.StartAsync();
        var options = new OpenAI.Responses.CreateResponseOptions("o4-mini", [OpenAI.Responses.ResponseItem.CreateUserMessageItem("Hi")])
        {
            ReasoningOptions = new OpenAI.Responses.ResponseReasoningOptions
            {
                ReasoningSummaryVerbosity = OpenAI.Responses.ResponseReasoningSummaryVerbosity.Detailed,
            },
        };

        OpenAI.Responses.ResponseResult result = await run.OpenAi().GetResponsesClient().CreateResponseAsync(options);

        var reasoning = Assert.IsType<OpenAI.Responses.ReasoningResponseItem>(result.OutputItems[0]);
        var summary = reasoning.GetSummaryText();
        Assert.False(string.IsNullOrEmpty(summary));
        Assert.NotEqual(result.GetOutputText(), summary);
        // The summary is part of the reasoning it sums up: at most a quarter of it.
        Assert.InRange((summary.Length + 3) / 4, 1, result.Usage.OutputTokenDetails.ReasoningTokenCount / 4 + 1);
    }
#pragma warning restore OPENAI001

    [Fact]
    public async Task Responses_put_a_reasoning_item_before_the_message_plain_and_streamed()
    {
        await using var run = await OpenAiRun.StartAsync();

        var plain = await PostAsync(run, "v1/responses", """{"model":"gpt-5","input":"Hi","reasoning":{"effort":"high"}}""");
        var output = plain.GetProperty("output");
        var usage = plain.GetProperty("usage");

        Assert.Equal(["reasoning", "message"], output.EnumerateArray().Select(o => o.GetProperty("type").GetString()));
        Assert.StartsWith("rs_", output[0].GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, output[0].GetProperty("summary").GetArrayLength());
        Assert.Equal("high", plain.GetProperty("reasoning").GetProperty("effort").GetString());
        Assert.InRange(usage.GetProperty("output_tokens_details").GetProperty("reasoning_tokens").GetInt32(), 256, 1024);

        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/responses")
        {
            Content = new StringContent("""{"model":"gpt-5","input":"Hi","stream":true}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", OpenAiRun.ApiKey);
        using var response = await run.Http.SendAsync(request);
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => JsonDocument.Parse(e.Split('\n')[1]["data: ".Length..]).RootElement.Clone()).ToList();
        string Type(int i) => events[i].GetProperty("type").GetString()!;

        Assert.Equal(["response.created", "response.in_progress", "response.output_item.added", "response.output_item.done", "response.output_item.added"],
            Enumerable.Range(0, 5).Select(Type));
        Assert.Equal("reasoning", events[2].GetProperty("item").GetProperty("type").GetString());
        Assert.Equal(0, events[3].GetProperty("output_index").GetInt32());
        Assert.All(events.Skip(4).Where(e => e.TryGetProperty("output_index", out _)), e => Assert.Equal(1, e.GetProperty("output_index").GetInt32()));
        Assert.Equal(Enumerable.Range(0, events.Count), events.Select(e => e.GetProperty("sequence_number").GetInt32()));
        Assert.Equal(2, events[^1].GetProperty("response").GetProperty("output").GetArrayLength());
    }

    [Theory]
    [InlineData("v1/chat/completions", """{"model":"o4-mini","max_tokens":50,"messages":[{"role":"user","content":"Hi"}]}""",
        """{"error":{"message":"Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.","type":"invalid_request_error","param":"max_tokens","code":"unsupported_parameter"}}""")]
    [InlineData("v1/chat/completions", """{"model":"gpt-5","max_completion_tokens":500,"max_tokens":50,"messages":[{"role":"user","content":"Hi"}]}""",
        """{"error":{"message":"Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.","type":"invalid_request_error","param":"max_tokens","code":"unsupported_parameter"}}""")]
    [InlineData("v1/chat/completions", """{"model":"o3-mini","temperature":0.2,"messages":[{"role":"user","content":"Hi"}]}""",
        """{"error":{"message":"Unsupported value: 'temperature' does not support 0.2 with this model. Only the default (1) value is supported.","type":"invalid_request_error","param":"temperature","code":"unsupported_value"}}""")]
    public async Task Reasoning_models_refuse_max_tokens_and_a_temperature_other_than_one(string path, string body, string expected)
    {
        await using var run = await OpenAiRun.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", OpenAiRun.ApiKey);

        using var response = await run.Http.SendAsync(request);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Other_models_take_max_tokens_and_any_temperature_and_reasoning_models_take_their_own_fields()
    {
        await using var run = await OpenAiRun.StartAsync();

        var legacy = await PostAsync(run, "v1/chat/completions", """{"model":"gpt-4o-mini","max_tokens":20,"temperature":0.2,"messages":[{"role":"user","content":"Hi"}]}""");
        var chatVariant = await PostAsync(run, "v1/chat/completions", """{"model":"gpt-5-chat-latest","max_tokens":20,"temperature":0.2,"messages":[{"role":"user","content":"Hi"}]}""");
        var reasoning = await PostAsync(run, "v1/chat/completions", """{"model":"o4-mini","max_completion_tokens":2000,"temperature":1,"messages":[{"role":"user","content":"Hi"}]}""");

        Assert.Equal("length", legacy.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal("length", chatVariant.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal("stop", reasoning.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }
}
