using System.ClientModel;
using System.Text;
using System.Text.Json;
using ChaosKit.Fakes.Tests.Support;
using OpenAI.Embeddings;
using OpenAI.Responses;

namespace ChaosKit.Fakes.Tests.OpenAi;

#pragma warning disable OPENAI001 // the Responses client is marked experimental in the SDK; the API itself is GA
public sealed class ResponsesEmbeddingsModelsTests
{
    [Fact]
    public async Task Responses_plain_and_streamed_agree()
    {
        await using var run = await OpenAiRun.StartAsync();
        var client = run.OpenAi().GetResponsesClient();

        ResponseResult plain = await client.CreateResponseAsync("gpt-4o-mini", "Hello there");
        var streamed = new StringBuilder();
        ResponseResult? completed = null;
        var sequence = new List<int>();
        await foreach (var update in await client.CreateResponseStreamingAsync("gpt-4o-mini", "Hello there"))
        {
            sequence.Add(update.SequenceNumber);
            if (update is StreamingResponseOutputTextDeltaUpdate delta) streamed.Append(delta.Delta);
            if (update is StreamingResponseCompletedUpdate done) completed = done.Response;
        }

        Assert.Matches("^resp_[0-9a-f]{48}$", plain.Id);
        Assert.Equal("gpt-4o-mini-2024-07-18", plain.Model);
        Assert.Equal(ResponseStatus.Completed, plain.Status);
        Assert.Equal(plain.GetOutputText(), streamed.ToString());
        Assert.Equal(Enumerable.Range(0, sequence.Count), sequence);
        Assert.Equal(plain.Usage.OutputTokenCount, completed!.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task Responses_max_output_tokens_gives_incomplete()
    {
        await using var run = await OpenAiRun.StartAsync();
        var client = run.OpenAi().GetResponsesClient();

        ResponseResult result = await client.CreateResponseAsync(new CreateResponseOptions("gpt-4o-mini", [ResponseItem.CreateUserMessageItem("Hi")])
        {
            MaxOutputTokenCount = 16,
        });

        Assert.Equal(ResponseStatus.Incomplete, result.Status);
        Assert.Equal(16, result.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task Raw_responses_stream_has_events_with_sequence_numbers_and_no_done()
    {
        await using var run = await OpenAiRun.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/responses")
        {
            Content = new StringContent("""{"model":"gpt-4o-mini","input":"Hi","stream":true}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", OpenAiRun.ApiKey);

        using var response = await run.Http.SendAsync(request);
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.DoesNotContain(events, e => e.Contains("[DONE]", StringComparison.Ordinal));
        var names = events.Select(e => e.Split('\n')[0]["event: ".Length..]).ToList();
        Assert.Equal(["response.created", "response.in_progress", "response.output_item.added", "response.content_part.added"], names.Take(4));
        Assert.Equal(["response.output_text.done", "response.content_part.done", "response.output_item.done", "response.completed"], names.TakeLast(4));
        for (var i = 0; i < events.Length; i++)
        {
            using var data = JsonDocument.Parse(events[i].Split('\n')[1]["data: ".Length..]);
            Assert.Equal(names[i], data.RootElement.GetProperty("type").GetString());
            Assert.Equal(i, data.RootElement.GetProperty("sequence_number").GetInt32());
        }
    }

    [Fact]
    public async Task Embeddings_base64_by_default_and_float_arrays_agree()
    {
        await using var run = await OpenAiRun.StartAsync();
        var client = run.OpenAi().GetEmbeddingClient("text-embedding-3-small");

        OpenAIEmbedding embedding = await client.GenerateEmbeddingAsync("Hello, world!");
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/embeddings")
        {
            Content = new StringContent("""{"input":"Hello, world!","model":"text-embedding-3-small","encoding_format":"float"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", OpenAiRun.ApiKey);
        using var raw = await run.Http.SendAsync(request);
        using var json = JsonDocument.Parse(await raw.Content.ReadAsStringAsync());
        var floats = json.RootElement.GetProperty("data")[0].GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle()).ToArray();

        var vector = embedding.ToFloats().ToArray();
        Assert.Equal(1536, vector.Length);
        Assert.Equal(floats, vector);
        Assert.InRange(Math.Sqrt(vector.Sum(v => (double)v * v)), 0.999, 1.001);
        Assert.Equal(4, json.RootElement.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public async Task Models_list_get_and_exact_404()
    {
        await using var run = await OpenAiRun.StartAsync();
        var client = run.OpenAi().GetOpenAIModelClient();

        var models = (await client.GetModelsAsync()).Value;
        var one = (await client.GetModelAsync("gpt-4o-mini")).Value;
        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.GetModelAsync("fake_id"));

        Assert.Contains(models, m => m.Id == "gpt-4o-mini");
        Assert.Equal("system", one.OwnedBy);
        Assert.Equal(404, error.Status);
        Assert.Equal(
            """{"error":{"message":"The model 'fake_id' does not exist","type":"invalid_request_error","param":"model","code":"model_not_found"}}""",
            error.GetRawResponse()!.Content.ToString());
    }
}
