using System.Text;
using System.Text.Json;
using ChaosKit.Fakes.Tests.Support;

namespace ChaosKit.Fakes.Tests.Gemini;

/// <summary>Raw HTTP against the recorded shapes (docs/providers.md#gemini); no Google SDK is available here.</summary>
public sealed class GenerateContentTests
{
    private const string Key = "AIza-chaoskit-test";
    private const string Body = """{"contents":[{"parts":[{"text":"What is the capital of France?"}],"role":"user"}]}""";

    private static Task<HttpResponseMessage> PostAsync(FakeRun run, string path, string body = Body, bool header = true, string key = Key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (header) request.Headers.Add("x-goog-api-key", key);
        return run.Http.SendAsync(request);
    }

    [Fact]
    public async Task Generate_content_has_the_recorded_shape()
    {
        await using var run = await FakeRun.StartGeminiAsync();

        using var response = await PostAsync(run, "v1beta/models/gemini-2.0-flash:generateContent");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json; charset=UTF-8", response.Content.Headers.ContentType!.ToString());
        var candidate = root.GetProperty("candidates")[0];
        Assert.Equal("model", candidate.GetProperty("content").GetProperty("role").GetString());
        Assert.Equal("STOP", candidate.GetProperty("finishReason").GetString());
        var text = candidate.GetProperty("content").GetProperty("parts")[0].GetProperty("text").GetString()!;
        var usage = root.GetProperty("usageMetadata");
        Assert.Equal((int)Math.Ceiling(text.Length / 4.0), usage.GetProperty("candidatesTokenCount").GetInt32());
        Assert.Equal(usage.GetProperty("promptTokenCount").GetInt32() + usage.GetProperty("candidatesTokenCount").GetInt32(),
            usage.GetProperty("totalTokenCount").GetInt32());
        Assert.Equal(usage.GetProperty("candidatesTokenCount").GetInt32(), usage.GetProperty("candidatesTokensDetails")[0].GetProperty("tokenCount").GetInt32());
        Assert.Equal("gemini-2.0-flash", root.GetProperty("modelVersion").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("responseId").GetString()));
    }

    [Fact]
    public async Task The_stable_v1_surface_answers_as_v1beta_does_and_the_journal_names_its_routes()
    {
        await using var run = await FakeRun.StartGeminiAsync();

        using var stable = await PostAsync(run, "v1/models/gemini-2.0-flash:generateContent");
        using var beta = await PostAsync(run, "v1beta/models/gemini-2.0-flash:generateContent");
        using var models = await run.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "v1/models") { Headers = { { "x-goog-api-key", Key } } });
        using var other = await PostAsync(run, "v2/models/gemini-2.0-flash:generateContent");
        string TextOf(string body) => JsonDocument.Parse(body).RootElement.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts")[0].GetProperty("text").GetString()!;

        Assert.Equal(200, (int)stable.StatusCode);
        Assert.Equal(TextOf(await beta.Content.ReadAsStringAsync()), TextOf(await stable.Content.ReadAsStringAsync()));
        Assert.Equal(200, (int)models.StatusCode);
        Assert.Equal(404, (int)other.StatusCode);
        Assert.Contains("and the same under /v1/", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var routes = (await JournalWait.CallsAsync(run, 4)).Select(c => c.Route).ToList();
        Assert.Contains("POST /v1/models/{model}:generateContent", routes);
        Assert.Contains("POST /v1beta/models/{model}:generateContent", routes);
        Assert.Contains("GET /v1/models", routes);
    }

    [Fact]
    public async Task Embed_content_and_batch_embed_contents_answer_unit_vectors_of_the_models_length()
    {
        await using var run = await FakeRun.StartGeminiAsync();

        using var one = await PostAsync(run, "v1beta/models/text-embedding-004:embedContent", """{"content":{"parts":[{"text":"hello"}]}}""");
        using var batch = await PostAsync(run, "v1beta/models/gemini-embedding-001:batchEmbedContents",
            """{"requests":[{"model":"models/gemini-embedding-001","content":{"parts":[{"text":"hello"}]}},{"model":"models/gemini-embedding-001","content":{"parts":[{"text":"hi"}]},"outputDimensionality":256}]}""");
        using var chatModel = await PostAsync(run, "v1beta/models/gemini-2.5-flash:embedContent", """{"content":{"parts":[{"text":"hello"}]}}""");
        using var oneJson = JsonDocument.Parse(await one.Content.ReadAsStringAsync());
        using var batchJson = JsonDocument.Parse(await batch.Content.ReadAsStringAsync());
        var values = oneJson.RootElement.GetProperty("embedding").GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToList();
        var embeddings = batchJson.RootElement.GetProperty("embeddings");

        Assert.Equal(768, values.Count);
        Assert.Equal(1.0, Math.Sqrt(values.Sum(v => v * v)), 3);
        Assert.Equal(3072, embeddings[0].GetProperty("values").GetArrayLength());
        Assert.Equal(256, embeddings[1].GetProperty("values").GetArrayLength());
        Assert.Equal(404, (int)chatModel.StatusCode);
        Assert.Contains("not supported for embedContent", await chatModel.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_output_dimensionality_in_a_batch_names_its_request()
    {
        await using var run = await FakeRun.StartGeminiAsync();

        using var response = await PostAsync(run, "v1beta/models/gemini-embedding-001:batchEmbedContents",
            """{"requests":[{"content":{"parts":[{"text":"a"}]}},{"content":{"parts":[{"text":"b"}]},"outputDimensionality":-1}]}""");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("Invalid value at 'requests[1].output_dimensionality' (TYPE_INT32), -1",
            json.RootElement.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task An_error_cut_ends_the_stream_with_geminis_own_overloaded_error_not_a_529()
    {
        await using var run = await FakeRun.StartGeminiAsync(TestScenarios.Fault("stream_cut", 1.0, null, ("after_tokens", "2"), ("mode", "error")));

        using var response = await PostAsync(run, "v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
        var events = (await response.Content.ReadAsStringAsync()).Split("\r\n\r\n", StringSplitOptions.RemoveEmptyEntries);
        using var last = JsonDocument.Parse(events[^1]["data: ".Length..]);
        var error = last.RootElement.GetProperty("error");

        Assert.True(events.Length > 1);
        Assert.Equal(503, error.GetProperty("code").GetInt32());
        Assert.Equal("UNAVAILABLE", error.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Stream_is_data_only_crlf_framed_with_a_final_usage_chunk_and_no_done()
    {
        await using var run = await FakeRun.StartGeminiAsync();
        using var plain = await PostAsync(run, "v1beta/models/gemini-2.5-flash:generateContent?key=" + Key, header: false);
        using var plainJson = JsonDocument.Parse(await plain.Content.ReadAsStringAsync());

        using var response = await PostAsync(run, "v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith("}\r\n\r\n", body, StringComparison.Ordinal);
        Assert.DoesNotContain("[DONE]", body, StringComparison.Ordinal);
        Assert.DoesNotContain("event:", body, StringComparison.Ordinal);
        var chunks = body.Split("\r\n\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement).ToList();
        var text = string.Concat(chunks.Select(c => c.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts")[0].GetProperty("text").GetString()));
        Assert.Equal(plainJson.RootElement.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts")[0].GetProperty("text").GetString(), text);
        Assert.All(chunks[..^1], c => Assert.False(c.GetProperty("usageMetadata").TryGetProperty("candidatesTokenCount", out _)));
        Assert.Equal("STOP", chunks[^1].GetProperty("candidates")[0].GetProperty("finishReason").GetString());
        Assert.True(chunks[^1].GetProperty("usageMetadata").GetProperty("candidatesTokenCount").GetInt32() > 0);
    }

    [Fact]
    public async Task Count_tokens_bad_key_unknown_model_and_max_tokens()
    {
        await using var run = await FakeRun.StartAsync(TestScenarios.Create(
            [TestScenarios.Phase("only", TimeSpan.FromHours(1))],
            providers: [TestScenarios.ProviderOf("gemini", "gemini", null, Key)]));

        using var count = await PostAsync(run, "v1beta/models/gemini-2.0-flash:countTokens");
        using var noKey = await PostAsync(run, "v1beta/models/gemini-2.0-flash:generateContent", header: false);
        using var wrongKey = await PostAsync(run, "v1beta/models/gemini-2.0-flash:generateContent", key: "AIza-wrong");
        using var unknownCount = await PostAsync(run, "v1beta/models/wrong-model-name:countTokens");
        using var unknown = await PostAsync(run, "v1beta/models/wrong-model-name:generateContent");
        using var cut = await PostAsync(run, "v1beta/models/gemini-2.0-flash:generateContent",
            """{"contents":[{"parts":[{"text":"Hi"}]}],"generationConfig":{"maxOutputTokens":3}}""");

        using (var json = JsonDocument.Parse(await count.Content.ReadAsStringAsync()))
            Assert.Equal(8, json.RootElement.GetProperty("totalTokens").GetInt32());
        using (var json = JsonDocument.Parse(await noKey.Content.ReadAsStringAsync()))
        {
            Assert.Equal(403, (int)noKey.StatusCode);
            Assert.Equal("PERMISSION_DENIED", json.RootElement.GetProperty("error").GetProperty("status").GetString());
            Assert.StartsWith("Method doesn't allow unregistered callers", json.RootElement.GetProperty("error").GetProperty("message").GetString());
        }
        using (var json = JsonDocument.Parse(await wrongKey.Content.ReadAsStringAsync()))
        {
            Assert.Equal(400, (int)wrongKey.StatusCode);
            Assert.Equal("API key not valid. Please pass a valid API key.", json.RootElement.GetProperty("error").GetProperty("message").GetString());
            Assert.Equal("INVALID_ARGUMENT", json.RootElement.GetProperty("error").GetProperty("status").GetString());
        }
        using (var json = JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()))
        {
            Assert.Equal(404, (int)unknown.StatusCode);
            Assert.StartsWith("models/wrong-model-name is not found for API version v1beta, or is not supported for generateContent.",
                json.RootElement.GetProperty("error").GetProperty("message").GetString());
        }
        using (var json = JsonDocument.Parse(await unknownCount.Content.ReadAsStringAsync()))
        {
            Assert.Equal(404, (int)unknownCount.StatusCode);
            Assert.Contains("or is not supported for countTokens.", json.RootElement.GetProperty("error").GetProperty("message").GetString());
        }
        using (var json = JsonDocument.Parse(await cut.Content.ReadAsStringAsync()))
        {
            Assert.Equal("MAX_TOKENS", json.RootElement.GetProperty("candidates")[0].GetProperty("finishReason").GetString());
            Assert.Equal(3, json.RootElement.GetProperty("usageMetadata").GetProperty("candidatesTokenCount").GetInt32());
        }
    }

    [Fact]
    public async Task Snake_case_fields_count_as_the_camel_case_ones_and_count_tokens_takes_a_generate_content_request()
    {
        await using var run = await FakeRun.StartGeminiAsync();

        using var camel = await PostAsync(run, "v1beta/models/gemini-2.0-flash:generateContent",
            """{"contents":[{"parts":[{"text":"Hi"}]}],"systemInstruction":{"parts":[{"text":"Be brief"}]},"generationConfig":{"maxOutputTokens":5}}""");
        using var snake = await PostAsync(run, "v1beta/models/gemini-2.0-flash:generateContent",
            """{"contents":[{"parts":[{"text":"Hi"}]}],"system_instruction":{"parts":[{"text":"Be brief"}]},"generation_config":{"max_output_tokens":5}}""");
        using var badSnake = await PostAsync(run, "v1beta/models/gemini-2.0-flash:generateContent",
            """{"contents":[{"parts":[{"text":"Hi"}]}],"generation_config":{"max_output_tokens":"many"}}""");
        using var wrapped = await PostAsync(run, "v1beta/models/gemini-2.0-flash:countTokens",
            """{"generateContentRequest":{"model":"models/gemini-2.0-flash","contents":[{"parts":[{"text":"Hi"}]}],"systemInstruction":{"parts":[{"text":"Be brief"}]}}}""");
        using var camelJson = JsonDocument.Parse(await camel.Content.ReadAsStringAsync());
        using var snakeJson = JsonDocument.Parse(await snake.Content.ReadAsStringAsync());
        using var wrappedJson = JsonDocument.Parse(await wrapped.Content.ReadAsStringAsync());

        foreach (var json in new[] { camelJson, snakeJson })
        {
            Assert.Equal("MAX_TOKENS", json.RootElement.GetProperty("candidates")[0].GetProperty("finishReason").GetString());
            // "Hi" and "Be brief": 10 characters, 3 tokens.
            Assert.Equal(3, json.RootElement.GetProperty("usageMetadata").GetProperty("promptTokenCount").GetInt32());
        }
        Assert.Equal(400, (int)badSnake.StatusCode);
        Assert.Equal(200, (int)wrapped.StatusCode);
        Assert.Equal(3, wrappedJson.RootElement.GetProperty("totalTokens").GetInt32());
    }

    [Fact]
    public async Task A_prompt_past_the_input_token_limit_is_the_real_400()
    {
        await using var run = await FakeRun.StartGeminiAsync();

        using var response = await PostAsync(run, "v1beta/models/gemini-2.0-flash:generateContent",
            "{\"contents\":[{\"parts\":[{\"text\":\"" + new string('x', 4_200_000) + "\"}]}]}");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("The input token count (1050000) exceeds the maximum number of tokens allowed (1048576).",
            json.RootElement.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal("INVALID_ARGUMENT", json.RootElement.GetProperty("error").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Error_fault_is_googles_envelope_with_the_retry_hint_in_the_body()
    {
        await using var run = await FakeRun.StartGeminiAsync(TestScenarios.Error(429, 1.0, ("retry_after", "7s")));

        using var response = await PostAsync(run, "v1beta/models/gemini-2.0-flash:generateContent");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = json.RootElement.GetProperty("error");

        Assert.Equal(429, (int)response.StatusCode);
        Assert.Equal(429, error.GetProperty("code").GetInt32());
        Assert.Equal("RESOURCE_EXHAUSTED", error.GetProperty("status").GetString());
        Assert.Contains(error.GetProperty("details").EnumerateArray(), d => d.GetProperty("retryDelay").GetString() == "7s");
    }
}
