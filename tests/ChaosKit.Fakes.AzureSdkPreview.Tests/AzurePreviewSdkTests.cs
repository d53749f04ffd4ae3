using System.ClientModel;
using System.Text;
using System.Text.Json;
using ChaosKit.Fakes.AzureSdk.Tests.Support;
using ChaosKit.Fakes.Tests.Support;
using OpenAI.Chat;
using OpenAI.Embeddings;
using OpenAI.Responses;

namespace ChaosKit.Fakes.AzureSdkPreview.Tests;

#pragma warning disable OPENAI001 // the Responses client is marked experimental in the SDK; the API itself is GA
/// <summary>
/// The preview Azure.AI.OpenAI client, unmodified, against the fake Azure OpenAI resource: chat, embeddings and the
/// Responses API, which this client calls on <c>/openai/responses?api-version=…</c> with the deployment as the model.
/// </summary>
public sealed class AzurePreviewSdkTests
{
    [Fact]
    public async Task Responses_plain_and_streamed_agree_and_chat_and_embeddings_answer()
    {
        await using var run = await AzureRun.StartAsync();
        var client = run.Client();
        var responses = client.GetResponsesClient();

        ResponseResult plain = await responses.CreateResponseAsync("gpt-4o-mini", "Hello there");
        var streamed = new StringBuilder();
        ResponseResult? completed = null;
        await foreach (var update in responses.CreateResponseStreamingAsync("gpt-4o-mini", "Hello there"))
        {
            if (update is StreamingResponseOutputTextDeltaUpdate delta) streamed.Append(delta.Delta);
            if (update is StreamingResponseCompletedUpdate done) completed = done.Response;
        }
        ChatCompletion chat = await client.GetChatClient("gpt-4o").CompleteChatAsync([new UserChatMessage("Hi")]);
        OpenAIEmbedding embedding = await client.GetEmbeddingClient("text-embedding-3-small").GenerateEmbeddingAsync("hello");

        Assert.Matches("^resp_[0-9a-f]{48}$", plain.Id);
        Assert.Equal("gpt-4o-mini-2024-07-18", plain.Model);
        Assert.False(string.IsNullOrWhiteSpace(plain.GetOutputText()));
        Assert.Equal(plain.GetOutputText(), streamed.ToString());
        Assert.Equal(plain.Usage.OutputTokenCount, completed!.Usage.OutputTokenCount);
        Assert.StartsWith("gpt-4o-", chat.Model, StringComparison.Ordinal);
        Assert.Equal(1536, embedding.ToFloats().Length);
        // The journal records a call just after its answer; wait (without a timed assertion) for all four.
        for (var i = 0; i < 1_500 && run.Calls.Count < 4; i++) await Task.Delay(20);
        Assert.Equal(2, run.Calls.Count(c => c.Route == "POST /openai/responses"));
    }

    [Fact]
    public async Task A_throttled_or_unknown_deployment_on_the_responses_route_is_azures_error()
    {
        await using var run = await AzureRun.StartAsync(TestScenarios.Error(429, 1.0, ("retry_after", "3s")));
        var responses = run.Client().GetResponsesClient();

        var throttled = await Assert.ThrowsAsync<ClientResultException>(() => responses.CreateResponseAsync("gpt-4o-mini", "Hi"));
        var missing = await Assert.ThrowsAsync<ClientResultException>(() => responses.CreateResponseAsync("my-deployment", "Hi"));

        Assert.Equal(429, throttled.Status);
        using var body = JsonDocument.Parse(throttled.GetRawResponse()!.Content.ToString());
        var message = body.RootElement.GetProperty("error").GetProperty("message").GetString()!;
        Assert.StartsWith("Requests to the Responses_Create Operation under Azure OpenAI API version ", message, StringComparison.Ordinal);
        Assert.Contains("Please retry after 3 seconds", message, StringComparison.Ordinal);
        Assert.Equal(404, missing.Status);
        Assert.Contains("DeploymentNotFound", missing.GetRawResponse()!.Content.ToString(), StringComparison.Ordinal);
    }
}
