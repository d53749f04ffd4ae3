using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChaosKit.Core.Scenarios;
using ChaosKit.Fakes.Tests.Support;

namespace ChaosKit.Fakes.Tests.Faults;

/// <summary>Each named error as each provider's raw HTTP answer: status, body and the retry hints it sends by default.</summary>
public sealed class ErrorKindTests
{
    private const string ChatBody = """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}]}""";
    private const string GeminiBody = """{"contents":[{"parts":[{"text":"What is the capital of France?"}],"role":"user"}]}""";

    private static Task<FakeRun> StartAsync(string kind, params FaultSpec[] faults) =>
        FakeRun.StartAsync(TestScenarios.Create(
            [TestScenarios.Phase("only", TimeSpan.FromHours(1), faults)],
            providers: [TestScenarios.ProviderOf(kind, "p")]));

    private static Task<HttpResponseMessage> PostAsync(FakeRun run, string kind, bool stream = false)
    {
        var (path, body) = kind switch
        {
            "openai" => ("v1/chat/completions", ChatBody),
            "azure_openai" => ("openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21", """{"messages":[{"role":"user","content":"Hi"}]}"""),
            "gemini" => (stream ? "v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse" : "v1beta/models/gemini-2.0-flash:generateContent", GeminiBody),
            _ => ("v1/messages", FakeRun.HelloBody),
        };
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        switch (kind)
        {
            case "openai": request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", OpenAiRun.ApiKey); break;
            case "azure_openai": request.Headers.Add("api-key", "azure-key"); break;
            case "gemini": request.Headers.Add("x-goog-api-key", "AIza-test"); break;
            default:
                request.Headers.Add("x-api-key", FakeRun.ApiKey);
                request.Headers.Add("anthropic-version", "2023-06-01");
                break;
        }
        return run.Http.SendAsync(request);
    }

    private static async Task<(int Status, JsonElement Error, HttpResponseMessage Response)> CallAsync(string kind, FaultSpec fault)
    {
        await using var run = await StartAsync(kind, fault);
        var response = await PostAsync(run, kind);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement.Clone();
        return ((int)response.StatusCode, root.TryGetProperty("error", out var error) ? error : root, response);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    [Fact]
    public async Task Openai_quota_exhausted_is_insufficient_quota_and_says_do_not_retry()
    {
        var (status, error, response) = await CallAsync("openai", TestScenarios.Fault("quota_exhausted"));

        Assert.Equal(429, status);
        Assert.Equal("insufficient_quota", error.GetProperty("type").GetString());
        Assert.Equal("insufficient_quota", error.GetProperty("code").GetString());
        Assert.StartsWith("You exceeded your current quota", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("false", Header(response, "x-should-retry"));
        Assert.Null(Header(response, "retry-after")); // unconfirmed for OpenAI, so not sent by default
    }

    [Theory]
    [InlineData("server_error", 500, "server_error")]
    [InlineData("bad_gateway", 502, "cf_bad_gateway")]
    [InlineData("gateway_timeout", 504, "cf_gateway_timeout")]
    [InlineData("overloaded", 503, "server_error")]
    public async Task Openai_server_side_kinds_have_their_status_and_type(string kind, int expectedStatus, string type)
    {
        var (status, error, _) = await CallAsync("openai", TestScenarios.Fault(kind));

        Assert.Equal(expectedStatus, status);
        Assert.Equal(type, error.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("unauthorized", 401, "invalid_api_key")]
    [InlineData("model_not_found", 404, "model_not_found")]
    [InlineData("context_length", 400, "context_length_exceeded")]
    [InlineData("content_filter", 400, "invalid_prompt")]
    public async Task Openai_client_side_kinds_have_their_status_and_code(string kind, int expectedStatus, string code)
    {
        var (status, error, _) = await CallAsync("openai", TestScenarios.Fault(kind));

        Assert.Equal(expectedStatus, status);
        Assert.Equal(code, error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Error_status_picks_the_matching_kind()
    {
        var (status, error, _) = await CallAsync("openai", TestScenarios.Error(401));
        var (azureStatus, azureError, _) = await CallAsync("azure_openai", TestScenarios.Error(403));

        Assert.Equal(401, status);
        Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
        Assert.Equal(403, azureStatus);
        Assert.Equal("PermissionDenied", azureError.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("unauthorized", 401, "authentication_error")]
    [InlineData("permission_denied", 403, "permission_error")]
    [InlineData("model_not_found", 404, "not_found_error")]
    [InlineData("server_error", 500, "api_error")]
    [InlineData("gateway_timeout", 504, "timeout_error")]
    [InlineData("content_filter", 400, "invalid_request_error")]
    public async Task Anthropic_kinds_have_their_status_and_error_type(string kind, int expectedStatus, string type)
    {
        var (status, error, _) = await CallAsync("anthropic", TestScenarios.Fault(kind));

        Assert.Equal(expectedStatus, status);
        Assert.Equal(type, error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Anthropic_rate_limit_sends_the_captured_retry_after_unless_switched_off()
    {
        var (_, _, byDefault) = await CallAsync("anthropic", TestScenarios.Fault("rate_limit"));
        var (_, _, off) = await CallAsync("anthropic", TestScenarios.Fault("rate_limit", 1.0, null, ("retry_after", "none")));
        var (_, _, ms) = await CallAsync("anthropic", TestScenarios.Fault("overloaded", 1.0, null, ("retry_after_ms", "2500ms"), ("should_retry", "true")));

        Assert.Equal("11", Header(byDefault, "retry-after"));
        Assert.Null(Header(off, "retry-after"));
        Assert.Null(Header(ms, "retry-after"));
        Assert.Equal("2500", Header(ms, "retry-after-ms"));
        Assert.Equal("true", Header(ms, "x-should-retry"));
    }

    [Fact]
    public async Task Anthropic_quota_hint_can_be_switched_off()
    {
        var (_, _, response) = await CallAsync("anthropic", TestScenarios.Fault("quota_exhausted", 1.0, null, ("should_retry", "none")));

        Assert.Null(Header(response, "x-should-retry"));
    }

    [Fact]
    public async Task Azure_rate_limit_sends_both_retry_headers_by_default_and_none_drops_them()
    {
        var (status, error, byDefault) = await CallAsync("azure_openai", TestScenarios.Fault("rate_limit"));
        var (_, _, off) = await CallAsync("azure_openai", TestScenarios.Fault("rate_limit", 1.0, null, ("retry_after", "none")));

        Assert.Equal(429, status);
        Assert.Equal("429", error.GetProperty("code").GetString());
        Assert.Contains("Please retry after 60 seconds", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("60", Header(byDefault, "retry-after"));
        Assert.Equal("60000", Header(byDefault, "retry-after-ms"));
        Assert.Null(Header(off, "retry-after"));
        Assert.Null(Header(off, "retry-after-ms"));
    }

    [Fact]
    public async Task Azure_content_filter_is_the_400_with_the_inner_error()
    {
        var (status, error, response) = await CallAsync("azure_openai", TestScenarios.Fault("content_filter"));

        Assert.Equal(400, status);
        Assert.Equal("content_filter", error.GetProperty("code").GetString());
        var inner = error.GetProperty("innererror");
        Assert.Equal("ResponsibleAIPolicyViolation", inner.GetProperty("code").GetString());
        Assert.True(inner.GetProperty("content_filter_result").GetProperty("jailbreak").GetProperty("filtered").GetBoolean());
        Assert.Equal("true", Header(response, "x-ms-rai-invoked"));
    }

    [Fact]
    public async Task Azure_context_length_is_openais_envelope_not_the_content_filter()
    {
        var (status, error, _) = await CallAsync("azure_openai", TestScenarios.Error(400));

        Assert.Equal(400, status);
        Assert.Equal("context_length_exceeded", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Gemini_unauthorized_is_the_400_bad_key_and_quota_has_no_retry_info()
    {
        var (status, error, _) = await CallAsync("gemini", TestScenarios.Fault("unauthorized"));
        var (quotaStatus, quota, _) = await CallAsync("gemini", TestScenarios.Fault("quota_exhausted"));
        var (_, limited, _) = await CallAsync("gemini", TestScenarios.Fault("rate_limit"));

        Assert.Equal(400, status);
        Assert.Equal("API_KEY_INVALID", error.GetProperty("details")[0].GetProperty("reason").GetString());
        Assert.Equal(429, quotaStatus);
        Assert.Equal("RESOURCE_EXHAUSTED", quota.GetProperty("status").GetString());
        Assert.False(quota.TryGetProperty("details", out _));
        Assert.Contains(limited.GetProperty("details").EnumerateArray(), d => d.GetProperty("retryDelay").GetString() == "53s");
    }

    [Fact]
    public async Task Gemini_content_filter_is_a_200_with_the_prompt_blocked_plain_and_streamed_and_a_400_off_generation()
    {
        await using var run = await StartAsync("gemini", TestScenarios.Fault("content_filter"));

        using var plain = await PostAsync(run, "gemini");
        using var streamed = await PostAsync(run, "gemini", stream: true);
        using var json = JsonDocument.Parse(await plain.Content.ReadAsStringAsync());
        var events = await streamed.Content.ReadAsStringAsync();
        // A token count or an embedding has no candidates to block: Google's plain 400, not a generation's shape.
        foreach (var (action, body) in new[] { ("gemini-2.0-flash:countTokens", GeminiBody), ("text-embedding-004:embedContent", """{"content":{"parts":[{"text":"Hi"}]}}""") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1beta/models/" + action) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("x-goog-api-key", "AIza-test");
            using var refused = await run.Http.SendAsync(request);
            using var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
            Assert.Equal(400, (int)refused.StatusCode);
            Assert.Equal("INVALID_ARGUMENT", error.RootElement.GetProperty("error").GetProperty("status").GetString());
        }

        Assert.Equal(200, (int)plain.StatusCode);
        Assert.Equal("SAFETY", json.RootElement.GetProperty("promptFeedback").GetProperty("blockReason").GetString());
        Assert.False(json.RootElement.TryGetProperty("candidates", out _));
        Assert.Equal("text/event-stream", streamed.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("data: {\"promptFeedback\":{\"blockReason\":\"SAFETY\"", events, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n", events, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Azure_output_filter_names_the_category_and_gemini_stops_with_safety()
    {
        var (azureStatus, azure, _) = await CallAsync("azure_openai", TestScenarios.Fault("content_filter", 1.0, null, ("on", "output")));
        var (geminiStatus, gemini, _) = await CallAsync("gemini", TestScenarios.Fault("content_filter", 1.0, null, ("on", "output")));
        var (anthropicStatus, _, _) = await CallAsync("anthropic", TestScenarios.Fault("content_filter", 1.0, null, ("on", "output")));

        Assert.Equal(200, azureStatus);
        var choice = azure.GetProperty("choices")[0];
        Assert.Equal("content_filter", choice.GetProperty("finish_reason").GetString());
        Assert.True(choice.GetProperty("content_filter_results").GetProperty("violence").GetProperty("filtered").GetBoolean());
        Assert.Equal(JsonValueKind.Array, azure.GetProperty("prompt_filter_results").ValueKind);
        Assert.Equal(200, geminiStatus);
        Assert.Equal("SAFETY", gemini.GetProperty("candidates")[0].GetProperty("finishReason").GetString());
        Assert.Equal(400, anthropicStatus); // Anthropic has no filtered success: its 400
    }
}
