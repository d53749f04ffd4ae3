using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using System.Text.Json;
using OpenAI;
using ChaosKit.Core.Scenarios;
using ChaosKit.Fakes.Tests.Support;
using OpenAI.Chat;

namespace ChaosKit.Fakes.Tests.AzureOpenAi;

public sealed class AzureChatTests
{
    private const string Key = "azure-chaoskit-test-key";

    private static Task<FakeRun> StartAsync(params FaultSpec[] faults) =>
        FakeRun.StartAsync(TestScenarios.Create(
            [TestScenarios.Phase("only", TimeSpan.FromHours(1), faults)],
            providers: [TestScenarios.ProviderOf("azure_openai", "azure")]));

    // Azure.AI.OpenAI 2.1.0 cannot run beside OpenAI 2.15 (it calls OpenAI 2.1 internals that 2.15 removed:
    // MissingMethodException on ChatCompletionOptions.SerializedAdditionalRawData), so the official OpenAI client is
    // pointed at the deployment instead, with Azure's api-key header and api-version query, as Azure's own docs show.
    // The official Azure client itself runs in tests/ChaosKit.Fakes.AzureSdk.Tests, which pins OpenAI 2.1.0.
    private static ChatClient Chat(FakeRun run, string deployment = "gpt-4o-mini")
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = new Uri(run.Fake.BaseUrl, $"openai/deployments/{deployment}"),
            RetryPolicy = new ClientRetryPolicy(0),
        };
        options.AddPolicy(new AzureRequestPolicy(Key), PipelinePosition.PerCall);
        return new ChatClient(deployment, new ApiKeyCredential(Key), options);
    }

    private sealed class AzureRequestPolicy(string key) : PipelinePolicy
    {
        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            Prepare(message);
            ProcessNext(message, pipeline, currentIndex);
        }

        public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            Prepare(message);
            return ProcessNextAsync(message, pipeline, currentIndex);
        }

        private void Prepare(PipelineMessage message)
        {
            message.Request.Headers.Remove("Authorization");
            message.Request.Headers.Set("api-key", key);
            message.Request.Uri = new Uri(message.Request.Uri + "?api-version=2024-10-21");
        }
    }

    [Fact]
    public async Task Azure_sdk_gets_plain_and_streamed_answers()
    {
        await using var run = await StartAsync();
        var chat = Chat(run);

        ChatCompletion plain = await chat.CompleteChatAsync([new UserChatMessage("Hello")]);
        var streamed = new StringBuilder();
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Hello")]))
        {
            foreach (var part in update.ContentUpdate) streamed.Append(part.Text);
        }

        Assert.Equal("gpt-4o-mini-2024-07-18", plain.Model);
        Assert.Equal(ChatFinishReason.Stop, plain.FinishReason);
        Assert.Equal(plain.Content[0].Text, streamed.ToString());
    }

    [Theory]
    [InlineData("\"model\":\"\",")]
    [InlineData("\"model\":null,")]
    [InlineData("\"model\":\"gpt-4.1\",")]
    public async Task The_deployment_names_the_model_whatever_the_body_says(string modelField)
    {
        // The OpenAI JavaScript SDK's AzureOpenAI client sends "model": "" (the deployment is in the URL).
        await using var run = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21")
        {
            Content = new StringContent($$"""{{{modelField}}"messages":[{"role":"user","content":"Hi"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("api-key", Key);

        using var response = await run.Http.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("gpt-4o-mini-2024-07-18", json.RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Embeddings_deployment_answers_openais_list_and_an_unknown_one_is_deployment_not_found()
    {
        await using var run = await StartAsync();
        async Task<(int Status, JsonElement Body)> PostAsync(string deployment)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"openai/deployments/{deployment}/embeddings?api-version=2024-10-21")
            {
                Content = new StringContent("""{"input":["one","two"],"encoding_format":"float"}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("api-key", Key);
            using var response = await run.Http.SendAsync(request);
            return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
        }

        var (status, body) = await PostAsync("text-embedding-3-small");
        var (missingStatus, missing) = await PostAsync("my-embedder");

        Assert.Equal(200, status);
        Assert.Equal("list", body.GetProperty("object").GetString());
        Assert.Equal(2, body.GetProperty("data").GetArrayLength());
        Assert.Equal(1536, body.GetProperty("data")[1].GetProperty("embedding").GetArrayLength());
        Assert.Equal(404, missingStatus);
        Assert.Equal("DeploymentNotFound", missing.GetProperty("error").GetProperty("code").GetString());
        Assert.All(await JournalWait.CallsAsync(run, 2), c => Assert.Equal("POST /openai/deployments/{deployment}/embeddings", c.Route));
    }

    [Fact]
    public async Task Raw_stream_starts_with_azures_filter_chunk_in_alphabetical_order()
    {
        await using var run = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21")
        {
            Content = new StringContent("""{"stream":true,"messages":[{"role":"user","content":"Hi"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("api-key", Key);

        using var response = await run.Http.SendAsync(request);
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("data: [DONE]", events[^1]);
        using var first = JsonDocument.Parse(events[0]["data: ".Length..]);
        Assert.Equal(["choices", "created", "id", "model", "object", "prompt_filter_results"], first.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("", first.RootElement.GetProperty("id").GetString());
        using var second = JsonDocument.Parse(events[1]["data: ".Length..]);
        var names = second.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(JsonValueKind.Object, second.RootElement.GetProperty("choices")[0].GetProperty("content_filter_results").ValueKind);
    }

    [Fact]
    public async Task Unknown_deployment_missing_key_and_throttling_are_azures_errors()
    {
        await using var run = await StartAsync(TestScenarios.Error(429, 1.0, ("retry_after", "3s")));

        var missing = await Assert.ThrowsAsync<ClientResultException>(() => Chat(run, "my-deployment").CompleteChatAsync([new UserChatMessage("Hi")]));
        var throttled = await Assert.ThrowsAsync<ClientResultException>(() => Chat(run).CompleteChatAsync([new UserChatMessage("Hi")]));
        using var noKey = await run.Http.PostAsync("openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21",
            new StringContent("""{"messages":[{"role":"user","content":"Hi"}]}""", Encoding.UTF8, "application/json"));

        Assert.Equal(404, missing.Status);
        Assert.Contains("DeploymentNotFound", missing.GetRawResponse()!.Content.ToString(), StringComparison.Ordinal);
        Assert.Equal(429, throttled.Status);
        using var body = JsonDocument.Parse(throttled.GetRawResponse()!.Content.ToString());
        Assert.Equal("429", body.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("Please retry after 3 seconds", body.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(throttled.GetRawResponse()!.Headers.TryGetValue("retry-after-ms", out var ms));
        Assert.Equal("3000", ms);
        Assert.Equal(401, (int)noKey.StatusCode);
    }
}
