using System.Text.RegularExpressions;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using ChaosKit.Fakes.Tests.Support;

namespace ChaosKit.Fakes.Tests.Faults;

public sealed class ErrorFaultTests
{
    private static readonly MessageCreateParams Hello = new()
    {
        Model = "claude-sonnet-4-5",
        MaxTokens = 256,
        Messages = [new UserMessageParam("Hello")],
    };

    // Acceptance criterion: an outage phase with "error status 529 rate 1.0" makes the official SDK raise its
    // overloaded exception with status 529.
    [Fact]
    public async Task Outage_529_raises_the_sdk_overloaded_exception()
    {
        await using var run = await FakeRun.StartAsync(TestScenarios.Error(529));

        var error = await Assert.ThrowsAsync<AnthropicOverloadedException>(() => run.Client(maxRetries: 0).Messages.Create(Hello));

        Assert.Equal(529, (int)error.StatusCode);
        Assert.Equal("Overloaded", error.ApiMessage);
        Assert.Matches("^req_011C", error.RequestID);
        await JournalWait.SingleCallAsync(run);
        var stats = run.Fakes.CallsInPhase(0);
        Assert.Equal(1, stats.Total);
        Assert.Equal(1, stats.ByStatus["529"]);
        Assert.Equal(1, stats.FaultsInjected);
        Assert.Equal(0, stats.Retries);
    }

    [Fact]
    public async Task Sdk_default_retries_make_three_calls_two_of_them_retries()
    {
        await using var run = await FakeRun.StartAsync(TestScenarios.Error(529));

        await Assert.ThrowsAsync<AnthropicOverloadedException>(() => run.Client(maxRetries: 2).Messages.Create(Hello));
        await JournalWait.CallsAsync(run, 3);

        var stats = run.Fakes.CallsInPhase(0);
        Assert.Equal(3, stats.Total);
        Assert.Equal(2, stats.Retries);
        Assert.Equal(3, stats.ByStatus["529"]);
        Assert.Equal([0, 1, 2], run.Calls.Select(c => c.RetryCount ?? -1).Order());
    }

    [Fact]
    public async Task Should_retry_false_stops_sdk_retries()
    {
        await using var run = await FakeRun.StartAsync(TestScenarios.Error(529, 1.0, ("should_retry", "false")));

        await Assert.ThrowsAsync<AnthropicOverloadedException>(() => run.Client(maxRetries: 2).Messages.Create(Hello));

        await JournalWait.SingleCallAsync(run);
        Assert.Equal(1, run.Fakes.AllCalls().Total);
    }

    [Fact]
    public async Task Rate_limit_429_sends_retry_after_and_the_sdk_raises_its_rate_limit_exception()
    {
        await using var run = await FakeRun.StartAsync(TestScenarios.Error(429, 1.0, ("retry_after", "2s")));

        var error = await Assert.ThrowsAsync<AnthropicRateLimitException>(() => run.Client(maxRetries: 0).Messages.Create(Hello));
        using var raw = await run.PostMessagesAsync(FakeRun.HelloBody);

        Assert.Equal(429, (int)error.StatusCode);
        Assert.StartsWith("This request would exceed the rate limit for your organization (", error.ApiMessage);
        Assert.Equal(429, (int)raw.StatusCode);
        Assert.Equal("2", Assert.Single(raw.Headers.GetValues("retry-after")));
        Assert.False(raw.Headers.Contains("x-should-retry"));
    }

    [Fact]
    public async Task Error_500_body_is_anthropic_exact()
    {
        await using var run = await FakeRun.StartAsync(TestScenarios.Error(500));

        using var response = await run.PostMessagesAsync(FakeRun.HelloBody);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(500, (int)response.StatusCode);
        var requestId = Assert.Single(response.Headers.GetValues("request-id"));
        Assert.Equal($$"""{"type":"error","error":{"type":"api_error","message":"Internal server error"},"request_id":"{{requestId}}"}""", body);
        Assert.Matches(new Regex("^req_011C[0-9A-Za-z]{20}$"), requestId);
        Assert.False(response.Headers.Contains("retry-after"));
    }

    [Theory]
    [InlineData(400, "invalid_request_error")]
    [InlineData(401, "authentication_error")]
    [InlineData(403, "permission_error")]
    [InlineData(404, "not_found_error")]
    [InlineData(502, "api_error")]
    [InlineData(503, "api_error")]
    [InlineData(504, "timeout_error")]
    [InlineData(529, "overloaded_error")]
    public async Task Each_status_gets_its_anthropic_error_type(int status, string type)
    {
        await using var run = await FakeRun.StartAsync(TestScenarios.Error(status, 1.0, ("should_retry", "true")));

        using var response = await run.PostMessagesAsync(FakeRun.HelloBody);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains($$"""{"type":"error","error":{"type":"{{type}}","message":""", body);
        Assert.Equal("true", Assert.Single(response.Headers.GetValues("x-should-retry")));
        if (status == 404) Assert.Contains("\"message\":\"model: claude-sonnet-4-5\"", body);
    }

    [Fact]
    public async Task Message_setting_replaces_the_wording()
    {
        await using var run = await FakeRun.StartAsync(TestScenarios.Error(400, 1.0, ("message", "Your credit balance is too low.")));

        using var response = await run.PostMessagesAsync(FakeRun.HelloBody);

        Assert.Contains("\"message\":\"Your credit balance is too low.\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Fault_aimed_at_another_provider_leaves_this_one_alone()
    {
        var scenario = TestScenarios.Create(
            [TestScenarios.Phase("outage", TimeSpan.FromHours(1), TestScenarios.Fault("error", 1.0, "backup", ("status", "529")))],
            providers: [TestScenarios.Anthropic("claude"), TestScenarios.Anthropic("backup")]);
        await using var run = await FakeRun.StartAsync(scenario);
        using var backup = new HttpClient { BaseAddress = run.Fakes.Get("backup").BaseUrl };

        using var healthy = await run.PostMessagesAsync(FakeRun.HelloBody);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages") { Content = new StringContent(FakeRun.HelloBody, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", "k");
        request.Headers.Add("anthropic-version", "2023-06-01");
        using var failed = await backup.SendAsync(request);
        // The journal counts a call just after its answer goes out: wait for both before reading the counters.
        await JournalWait.CallsAsync(run, 2);

        Assert.Equal(200, (int)healthy.StatusCode);
        Assert.Equal(529, (int)failed.StatusCode);
        Assert.Equal(0, run.Fake.AllCalls().FaultsInjected);
        Assert.Equal(1, run.Fakes.Get("backup").AllCalls().FaultsInjected);
        Assert.Equal(2, run.Fakes.AllCalls().Total);
    }
}
