using System.Text.Json;
using ChaosKit.Fakes.Hosting;
using ChaosKit.Fakes.Tests.Support;

namespace ChaosKit.Fakes.Tests.Anthropic;

public sealed class RequestValidationTests
{
    [Fact]
    public async Task Missing_api_key_gets_anthropic_exact_401()
    {
        await using var run = await FakeRun.StartAsync(TestScenarios.Error(529));

        using var response = await run.PostMessagesAsync(FakeRun.HelloBody, withKey: false);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(401, (int)response.StatusCode);
        var requestId = Assert.Single(response.Headers.GetValues("request-id"));
        Assert.Matches("^req_011C[0-9A-Za-z]{20}$", requestId);
        Assert.Equal($$"""{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"},"request_id":"{{requestId}}"}""", body);
        await JournalWait.SingleCallAsync(run);
        Assert.Equal(0, run.Fakes.AllCalls().FaultsInjected);
        Assert.Equal(1, run.Fakes.AllCalls().ByStatus["401"]);
    }

    [Theory]
    [InlineData("claude-sonnet-4-5", 100_000, 2, null, "max_tokens: 100000 > 64000, which is the maximum allowed number of output tokens for claude-sonnet-4-5-20250929")]
    [InlineData("claude-opus-4-1", 40_000, 2, null, "max_tokens: 40000 > 32000, which is the maximum allowed number of output tokens for claude-opus-4-1-20250805")]
    [InlineData("claude-3-7-sonnet-latest", 100_000, 2, "output-128k-2025-02-19", null)]
    [InlineData("claude-haiku-4-5", 1_000, 810_000, null, "prompt is too long: 202500 tokens > 200000 maximum")]
    [InlineData("claude-sonnet-4-5", 1_000, 810_000, "context-1m-2025-08-07", null)]
    public async Task A_request_beyond_the_models_limits_is_the_real_400(string model, int maxTokens, int promptChars, string? beta, string? message)
    {
        await using var run = await FakeRun.StartAsync();
        var body = JsonSerializer.Serialize(new
        {
            model, max_tokens = maxTokens, messages = new[] { new { role = "user", content = new string('x', promptChars) } },
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", FakeRun.ApiKey);
        request.Headers.Add("anthropic-version", "2023-06-01");
        if (beta is not null) request.Headers.Add("anthropic-beta", beta);

        using var response = await run.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        if (message is null)
        {
            Assert.Equal(200, (int)response.StatusCode);
            return;
        }
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("invalid_request_error", json.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(message, json.RootElement.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Api_key_check_can_be_switched_off()
    {
        var scenario = TestScenarios.Create([TestScenarios.Phase("p", TimeSpan.FromHours(1))]);
        await using var run = await FakeRun.StartAsync(scenario, options: new FakeOptions { RequireApiKey = false });

        using var response = await run.PostMessagesAsync(FakeRun.HelloBody, withKey: false);

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Theory]
    [InlineData("{\"model\":", "The request body is not valid JSON")]
    [InlineData("", "The request body is empty")]
    [InlineData("[]", "The request body must be a JSON object.")]
    [InlineData("""{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"hi"}]}""", "max_tokens: Field required")]
    [InlineData("""{"model":"claude-sonnet-4-5","max_tokens":0,"messages":[{"role":"user","content":"hi"}]}""", "max_tokens: Input should be greater than or equal to 1")]
    [InlineData("""{"model":"claude-sonnet-4-5","max_tokens":10}""", "messages: Field required")]
    [InlineData("""{"model":"claude-sonnet-4-5","max_tokens":10,"messages":[]}""", "messages: at least one message is required")]
    [InlineData("""{"model":"claude-sonnet-4-5","max_tokens":10,"messages":[{"role":"bot","content":"hi"}]}""", "messages.0.role: Input should be")]
    [InlineData("""{"max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""", "model: Field required")]
    [InlineData("""{"model":"claude-sonnet-4-5","max_tokens":10,"stream":"yes","messages":[{"role":"user","content":"hi"}]}""", "stream: Input should be a valid boolean")]
    public async Task Bad_requests_get_400_invalid_request_error(string body, string message)
    {
        await using var run = await FakeRun.StartAsync(TestScenarios.Error(529));

        using var response = await run.PostMessagesAsync(body);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("invalid_request_error", json.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.StartsWith(message, json.RootElement.GetProperty("error").GetProperty("message").GetString());
        await JournalWait.SingleCallAsync(run);
        Assert.Equal(0, run.Fakes.AllCalls().FaultsInjected);
    }

    [Fact]
    public async Task Missing_anthropic_version_is_a_400()
    {
        await using var run = await FakeRun.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages") { Content = new StringContent(FakeRun.HelloBody) };
        request.Headers.Add("x-api-key", "k");

        using var response = await run.Http.SendAsync(request);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("anthropic-version: header is required", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_model_is_the_real_404()
    {
        await using var run = await FakeRun.StartAsync();

        using var response = await run.PostMessagesAsync("""{"model":"gpt-4o","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Contains("""{"type":"not_found_error","message":"model: gpt-4o"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_route_is_a_404_naming_the_routes()
    {
        await using var run = await FakeRun.StartAsync();

        using var response = await run.Http.GetAsync("v1/complete");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("not_found_error", body);
        Assert.Contains("POST /v1/messages", body);
        Assert.Contains("GET /v1/models", body);
        Assert.Equal("unknown", (await JournalWait.SingleCallAsync(run)).Route);
    }
}
