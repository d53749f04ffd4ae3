using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using System.Text.Json;
using ChaosKit.Core.Scenarios;
using ChaosKit.Fakes.Tests.Support;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Embeddings;
using OpenAI.Responses;

namespace ChaosKit.Fakes.Tests.AzureOpenAi;

/// <summary>
/// Azure's v1 surface (<c>/openai/v1/…</c>, since August 2025) driven by the official OpenAI client exactly as
/// Microsoft's docs set it up (base URL <c>{endpoint}/openai/v1/</c>, the Azure key as the API key), and the classic
/// Responses route (<c>/openai/responses?api-version=…</c>) that the AzureOpenAI clients call.
/// </summary>
#pragma warning disable OPENAI001 // the Responses client is marked experimental in the SDK; the API itself is GA
public sealed class AzureV1AndResponsesTests
{
    private const string Key = "azure-chaoskit-test-key";

    private static Task<FakeRun> StartAsync(params FaultSpec[] faults) =>
        FakeRun.StartAsync(TestScenarios.Create(
            [TestScenarios.Phase("only", TimeSpan.FromHours(1), faults)],
            providers: [TestScenarios.ProviderOf("azure_openai", "azure", TestScenarios.FastStreaming)]));

    private static OpenAIClient V1Client(FakeRun run) =>
        new(new ApiKeyCredential(Key), new OpenAIClientOptions
        {
            Endpoint = new Uri(run.Fake.BaseUrl, "openai/v1/"),
            RetryPolicy = new ClientRetryPolicy(0),
        });

    [Fact]
    public async Task Openai_client_on_the_v1_base_url_gets_chat_plain_and_streamed_with_azures_filter_results()
    {
        await using var run = await StartAsync();
        var chat = V1Client(run).GetChatClient("gpt-4o-mini");

        ClientResult<ChatCompletion> plain = await chat.CompleteChatAsync([new UserChatMessage("Hello")]);
        var streamed = new StringBuilder();
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Hello")]))
        {
            foreach (var part in update.ContentUpdate) streamed.Append(part.Text);
        }

        Assert.Equal("gpt-4o-mini-2024-07-18", plain.Value.Model);
        Assert.Equal(plain.Value.Content[0].Text, streamed.ToString());
        using var raw = JsonDocument.Parse(plain.GetRawResponse().Content.ToString());
        Assert.Equal(0, raw.RootElement.GetProperty("prompt_filter_results")[0].GetProperty("prompt_index").GetInt32());
        Assert.True(plain.GetRawResponse().Headers.TryGetValue("x-ms-deployment-name", out var deployment));
        Assert.Equal("gpt-4o-mini", deployment);
        var calls = await JournalWait.CallsAsync(run, 2);
        Assert.All(calls, c => Assert.Equal("POST /openai/v1/chat/completions", c.Route));
        Assert.All(calls, c => Assert.Equal("gpt-4o-mini", c.Model));
        Assert.Single(calls, c => c.Streaming);
    }

    [Fact]
    public async Task Openai_client_on_the_v1_base_url_gets_responses_plain_and_streamed_and_embeddings()
    {
        await using var run = await StartAsync();
        var client = V1Client(run);
        var responses = client.GetResponsesClient();

        ResponseResult plain = await responses.CreateResponseAsync("gpt-4o-mini", "Hello there");
        var streamed = new StringBuilder();
        ResponseResult? completed = null;
        await foreach (var update in await responses.CreateResponseStreamingAsync("gpt-4o-mini", "Hello there"))
        {
            if (update is StreamingResponseOutputTextDeltaUpdate delta) streamed.Append(delta.Delta);
            if (update is StreamingResponseCompletedUpdate done) completed = done.Response;
        }
        OpenAIEmbedding embedding = await client.GetEmbeddingClient("text-embedding-3-small").GenerateEmbeddingAsync("hello");

        Assert.Matches("^resp_[0-9a-f]{48}$", plain.Id);
        Assert.Equal("gpt-4o-mini-2024-07-18", plain.Model);
        Assert.Equal(plain.GetOutputText(), streamed.ToString());
        Assert.Equal(plain.Usage.OutputTokenCount, completed!.Usage.OutputTokenCount);
        Assert.Equal(1536, embedding.ToFloats().Length);
        var routes = (await JournalWait.CallsAsync(run, 3)).Select(c => c.Route).Order(StringComparer.Ordinal);
        Assert.Equal(["POST /openai/v1/embeddings", "POST /openai/v1/responses", "POST /openai/v1/responses"], routes);
    }

    [Fact]
    public async Task Classic_responses_route_takes_the_deployment_from_the_body_and_needs_an_api_version()
    {
        await using var run = await StartAsync();
        async Task<(int Status, JsonElement Body)> PostAsync(string path, string model)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path)
            {
                Content = new StringContent($$"""{"model":"{{model}}","input":"Hi","max_output_tokens":16}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("api-key", Key);
            using var response = await run.Http.SendAsync(request);
            return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
        }

        var (status, body) = await PostAsync("openai/responses?api-version=2025-04-01-preview", "gpt-4o-mini");
        var (missingStatus, missing) = await PostAsync("openai/responses?api-version=2025-04-01-preview", "my-deployment");
        var (noVersionStatus, noVersion) = await PostAsync("openai/responses", "gpt-4o-mini");

        Assert.Equal(200, status);
        Assert.Equal("incomplete", body.GetProperty("status").GetString());
        Assert.Equal(16, body.GetProperty("usage").GetProperty("output_tokens").GetInt32());
        Assert.Equal(404, missingStatus);
        Assert.Equal("DeploymentNotFound", missing.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(404, noVersionStatus);
        Assert.Contains("POST /openai/v1/responses", noVersion.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task V1_errors_are_azures_a_missing_model_a_missing_key_and_throttling_by_operation()
    {
        await using var run = await StartAsync(TestScenarios.Error(429, 1.0, ("retry_after", "3s")));
        var client = V1Client(run);

        var chat = await Assert.ThrowsAsync<ClientResultException>(() => client.GetChatClient("gpt-4o").CompleteChatAsync([new UserChatMessage("Hi")]));
        var responses = await Assert.ThrowsAsync<ClientResultException>(() => client.GetResponsesClient().CreateResponseAsync("gpt-4o", "Hi"));
        var embeddings = await Assert.ThrowsAsync<ClientResultException>(() => client.GetEmbeddingClient("text-embedding-3-small").GenerateEmbeddingAsync("hi"));
        using var noModel = await run.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "openai/v1/chat/completions")
        {
            Content = new StringContent("""{"messages":[{"role":"user","content":"Hi"}]}""", Encoding.UTF8, "application/json"),
            Headers = { { "api-key", Key } },
        });
        using var noKey = await run.Http.PostAsync("openai/v1/responses", new StringContent("""{"model":"gpt-4o","input":"Hi"}""", Encoding.UTF8, "application/json"));

        string Message(ClientResultException error)
        {
            using var body = JsonDocument.Parse(error.GetRawResponse()!.Content.ToString());
            Assert.Equal("429", body.RootElement.GetProperty("error").GetProperty("code").GetString());
            return body.RootElement.GetProperty("error").GetProperty("message").GetString()!;
        }
        // The v1 routes take no api-version, so their 429s name none.
        Assert.StartsWith("Requests to the ChatCompletions_Create Operation under Azure OpenAI API have exceeded token rate limit", Message(chat), StringComparison.Ordinal);
        Assert.StartsWith("Requests to the Responses_Create Operation under Azure OpenAI API have exceeded token rate limit", Message(responses), StringComparison.Ordinal);
        Assert.StartsWith("Requests to the Embeddings_Create Operation under Azure OpenAI API have exceeded call rate limit", Message(embeddings), StringComparison.Ordinal);
        Assert.Contains("Please retry after 3 seconds", Message(responses), StringComparison.Ordinal);
        Assert.Equal(400, (int)noModel.StatusCode);
        Assert.Contains("you must provide a model parameter", await noModel.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(401, (int)noKey.StatusCode);
    }
}
