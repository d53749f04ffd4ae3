using System.ClientModel;
using System.Text;
using System.Text.Json;
using Azure.AI.OpenAI;
using Azure.AI.OpenAI.Chat;
using ChaosKit.Fakes.AzureSdk.Tests.Support;
using ChaosKit.Fakes.Tests.Support;
using OpenAI.Chat;

namespace ChaosKit.Fakes.AzureSdk.Tests;

#pragma warning disable AOAI001 // Azure's content-filter accessors are marked experimental in the SDK
/// <summary>The official Azure.AI.OpenAI client, unmodified, against the fake Azure OpenAI surface.</summary>
public sealed class AzureSdkChatTests
{
    private const string Schema = """
        {"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["celsius","fahrenheit"]},
         "days":{"type":"integer","minimum":1,"maximum":7}},"required":["city","unit","days"]}
        """;

    [Fact]
    public async Task Chat_answers_with_the_resolved_snapshot_usage_and_filter_results()
    {
        await using var run = await AzureRun.StartAsync();
        var chat = run.Client().GetChatClient("gpt-4o-mini");

        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("Hello")]);

        Assert.Equal("gpt-4o-mini-2024-07-18", completion.Model);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Matches("^chatcmpl-[0-9A-Za-z]{29}$", completion.Id);
        var text = completion.Content[0].Text;
        Assert.False(string.IsNullOrWhiteSpace(text));
        Assert.Equal((text.Length + 3) / 4, completion.Usage.OutputTokenCount);
        Assert.Equal(completion.Usage.InputTokenCount + completion.Usage.OutputTokenCount, completion.Usage.TotalTokenCount);
        var prompt = completion.GetRequestContentFilterResult();
        Assert.False(prompt.Jailbreak.Filtered);
        Assert.Equal(ContentFilterSeverity.Safe, prompt.Hate.Severity);
        Assert.False(completion.GetResponseContentFilterResult().Violence.Filtered);
    }

    [Fact]
    public async Task Streaming_chat_reads_azures_filter_chunk_then_the_same_text_as_the_plain_answer()
    {
        await using var run = await AzureRun.StartAsync();
        var chat = run.Client().GetChatClient("gpt-4o");

        ChatCompletion plain = await chat.CompleteChatAsync([new UserChatMessage("Tell me a story")]);
        var updates = new List<StreamingChatCompletionUpdate>();
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Tell me a story")]))
        {
            updates.Add(update);
        }

        // Azure's first chunk: no choices, no id or model, only the verdict on the prompt.
        var first = updates[0];
        Assert.Empty(first.ContentUpdate);
        Assert.True(string.IsNullOrEmpty(first.CompletionId));
        Assert.False(first.GetRequestContentFilterResult().Jailbreak.Detected);
        Assert.Equal(plain.Content[0].Text, string.Concat(updates.SelectMany(u => u.ContentUpdate).Select(p => p.Text)));
        Assert.Equal(ChatFinishReason.Stop, updates.Select(u => u.FinishReason).Single(f => f is not null));
        Assert.Equal("gpt-4o-2024-08-06", updates[1].Model);
        Assert.Equal(plain.Usage.OutputTokenCount, updates[^1].Usage.OutputTokenCount);
    }

    [Fact]
    public async Task Max_tokens_cuts_the_answer_with_finish_reason_length()
    {
        await using var run = await AzureRun.StartAsync();
        var chat = run.Client().GetChatClient("gpt-4o-mini");

        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("Hello")], new ChatCompletionOptions { MaxOutputTokenCount = 5 });

        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
        Assert.Equal(5, completion.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task Throttling_is_azures_429_with_retry_after_headers()
    {
        await using var run = await AzureRun.StartAsync(TestScenarios.Error(429, 1.0, ("retry_after", "3s")));
        var chat = run.Client().GetChatClient("gpt-4o-mini");

        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage("Hi")]));

        Assert.Equal(429, error.Status);
        var response = error.GetRawResponse()!;
        Assert.True(response.Headers.TryGetValue("retry-after", out var seconds));
        Assert.Equal("3", seconds);
        Assert.True(response.Headers.TryGetValue("retry-after-ms", out var ms));
        Assert.Equal("3000", ms);
        using var body = JsonDocument.Parse(response.Content.ToString());
        Assert.Equal("429", body.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("Please retry after 3 seconds", body.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Default_client_retries_a_throttled_call_three_times_and_the_fake_counts_each_attempt()
    {
        // Measured here: Azure.AI.OpenAI 2.1.0 with default options makes 4 attempts at a 429 or 503 and, unlike
        // OpenAI 2.15's default, waits between them: 6.0 s in all for retry-after: 2, about 3.5 s for a 503 without it.
        await using var run = await AzureRun.StartAsync(TestScenarios.Error(429, 1.0, ("retry_after", "1s")));
        var client = new AzureOpenAIClient(run.Endpoint, new ApiKeyCredential(AzureRun.Key), new AzureOpenAIClientOptions());

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.GetChatClient("gpt-4o-mini").CompleteChatAsync([new UserChatMessage("Hi")]));

        Assert.Equal(429, error.Status);
        Assert.Equal(4, run.Fakes.Fakes[0].AllCalls().Total);
    }

    [Fact]
    public async Task Wrong_key_gets_azures_401_and_unknown_deployment_its_404()
    {
        await using var run = await AzureRun.StartAsync([AzureRun.Key]);

        var wrongKey = await Assert.ThrowsAsync<ClientResultException>(() =>
            run.Client("not-the-key").GetChatClient("gpt-4o-mini").CompleteChatAsync([new UserChatMessage("Hi")]));
        var unknown = await Assert.ThrowsAsync<ClientResultException>(() =>
            run.Client().GetChatClient("my-deployment").CompleteChatAsync([new UserChatMessage("Hi")]));
        ChatCompletion ok = await run.Client().GetChatClient("gpt-4o-mini").CompleteChatAsync([new UserChatMessage("Hi")]);

        Assert.Equal(401, wrongKey.Status);
        using (var body = JsonDocument.Parse(wrongKey.GetRawResponse()!.Content.ToString()))
        {
            Assert.Equal("401", body.RootElement.GetProperty("error").GetProperty("code").GetString());
            Assert.StartsWith("Access denied due to invalid subscription key", body.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal(404, unknown.Status);
        using (var body = JsonDocument.Parse(unknown.GetRawResponse()!.Content.ToString()))
            Assert.Equal("DeploymentNotFound", body.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(ChatFinishReason.Stop, ok.FinishReason);
    }

    [Fact]
    public async Task Forced_tool_call_fits_the_schema_plain_and_streamed()
    {
        await using var run = await AzureRun.StartAsync();
        var chat = run.Client().GetChatClient("gpt-4o-mini");
        var options = new ChatCompletionOptions
        {
            Tools = { ChatTool.CreateFunctionTool("get_weather", "Weather forecast", BinaryData.FromString(Schema)) },
            ToolChoice = ChatToolChoice.CreateFunctionChoice("get_weather"),
        };

        ChatCompletion plain = await chat.CompleteChatAsync([new UserChatMessage("Weather in Paris?")], options);
        var streamed = new StringBuilder();
        string? name = null, id = null;
        ChatFinishReason? finish = null;
        await foreach (var chunk in chat.CompleteChatStreamingAsync([new UserChatMessage("Weather in Paris?")], options))
        {
            foreach (var call in chunk.ToolCallUpdates)
            {
                name ??= call.FunctionName;
                id ??= call.ToolCallId;
                // OpenAI 2.1 hands back an empty BinaryData whose ToString throws for the real API's arguments "" too.
                if (call.FunctionArgumentsUpdate is { } update && !update.ToMemory().IsEmpty) streamed.Append(update.ToString());
            }
            finish ??= chunk.FinishReason;
        }

        // A tool_choice naming the function ends with "stop", as OpenAI's models answer it, Azure's deployments too.
        Assert.Equal(ChatFinishReason.Stop, plain.FinishReason);
        var toolCall = Assert.Single(plain.ToolCalls);
        Assert.Equal("get_weather", toolCall.FunctionName);
        Assert.Matches("^call_[0-9A-Za-z]{24}$", toolCall.Id);
        using var arguments = JsonDocument.Parse(toolCall.FunctionArguments);
        Assert.False(string.IsNullOrEmpty(arguments.RootElement.GetProperty("city").GetString()));
        Assert.Contains(arguments.RootElement.GetProperty("unit").GetString(), new[] { "celsius", "fahrenheit" });
        Assert.InRange(arguments.RootElement.GetProperty("days").GetInt32(), 1, 7);
        Assert.Equal("get_weather", name);
        Assert.Equal(toolCall.Id, id);
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.Equal(toolCall.FunctionArguments.ToString(), streamed.ToString());
    }
}
