using System.Text.Json;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using ChaosKit.Fakes.Tests.Support;

namespace ChaosKit.Fakes.Tests.Faults;

/// <summary>The <c>malformed</c> bodies over raw HTTP, and what the Anthropic SDK makes of the new error kinds.</summary>
public sealed class MalformedFaultTests
{
    private const string StreamBody = """{"model":"claude-sonnet-4-5","max_tokens":256,"stream":true,"messages":[{"role":"user","content":"Hello"}]}""";

    private static readonly MessageCreateParams Hello = new()
    {
        Model = "claude-sonnet-4-5",
        MaxTokens = 256,
        Messages = [new UserMessageParam("Hello")],
    };

    private static Task<FakeRun> StartAsync(string body) => FakeRun.StartAsync(TestScenarios.Fault("malformed", 1.0, null, ("body", body)));

    [Fact]
    public async Task Html_502_is_cloudflares_page_with_its_headers_and_the_journal_records_it()
    {
        await using var run = await StartAsync("html_502");

        using var response = await run.PostMessagesAsync(FakeRun.HelloBody);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(502, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("cloudflare", string.Join(",", response.Headers.GetValues("server")));
        Assert.Matches("^[0-9a-f]{16}-SJC$", string.Join(",", response.Headers.GetValues("cf-ray")));
        Assert.Contains("<title>502 Bad Gateway</title>", html, StringComparison.Ordinal);
        var call = await JournalWait.SingleCallAsync(run);
        Assert.Equal(502, call.Status);
        Assert.Equal("malformed", call.Fault);
    }

    [Fact]
    public async Task A_model_list_gets_the_malformed_body_too_and_the_journal_records_it()
    {
        await using var run = await FakeRun.StartGeminiAsync(TestScenarios.Fault("malformed", 1.0, null, ("body", "html_502")));
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1beta/models");
        request.Headers.Add("x-goog-api-key", "AIza-test");

        using var response = await run.Http.SendAsync(request);

        Assert.Equal(502, (int)response.StatusCode);
        Assert.Contains("<title>502 Bad Gateway</title>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var call = await JournalWait.SingleCallAsync(run);
        Assert.Equal((502, "malformed"), (call.Status, call.Fault));
    }

    [Fact]
    public async Task Html_503_and_edge_530_are_the_load_balancers_and_the_edges_pages()
    {
        await using var nginx = await StartAsync("html_503");
        await using var edge = await StartAsync("edge_530");

        using var unavailable = await nginx.PostMessagesAsync(FakeRun.HelloBody);
        using var origin = await edge.PostMessagesAsync(FakeRun.HelloBody);

        Assert.Equal(503, (int)unavailable.StatusCode);
        Assert.Equal("nginx", string.Join(",", unavailable.Headers.GetValues("server")));
        Assert.Contains("<center>nginx</center>", await unavailable.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(530, (int)origin.StatusCode);
        Assert.Contains("Error 1016", await origin.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncated_json_is_a_200_whose_body_stops_part_way_through_a_real_message()
    {
        await using var run = await StartAsync("truncated_json");

        using var response = await run.PostMessagesAsync(FakeRun.HelloBody);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.StartsWith("{\"id\":\"msg_", body, StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task A_streamed_call_gets_the_malformed_body_instead_of_its_stream()
    {
        await using var run = await StartAsync("truncated_json");

        using var response = await run.PostMessagesAsync(StreamBody);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("event: message_start\ndata: {", body, StringComparison.Ordinal);
        Assert.DoesNotContain("message_stop", body, StringComparison.Ordinal);
        Assert.True((await JournalWait.SingleCallAsync(run)).Streaming);
    }

    [Fact]
    public async Task Invalid_empty_and_mistyped_bodies()
    {
        await using var invalid = await StartAsync("invalid_json");
        await using var empty = await StartAsync("empty");
        await using var mistyped = await StartAsync("wrong_content_type");

        using var broken = await invalid.PostMessagesAsync(FakeRun.HelloBody);
        using var nothing = await empty.PostMessagesAsync(FakeRun.HelloBody);
        using var text = await mistyped.PostMessagesAsync(FakeRun.HelloBody);
        using var streamedAsJson = await mistyped.PostMessagesAsync(StreamBody);

        var brokenBody = await broken.Content.ReadAsStringAsync();
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(brokenBody));
        Assert.Equal(0, nothing.Content.Headers.ContentLength);
        Assert.Equal("text/plain", text.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await text.Content.ReadAsStringAsync());
        Assert.Equal("message", json.RootElement.GetProperty("type").GetString());
        Assert.Equal("application/json", streamedAsJson.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_delay_listed_after_the_malformed_body_still_runs_first()
    {
        await using var run = await FakeRun.StartAsync(
            TestScenarios.Fault("malformed", 1.0, null, ("body", "empty")), TestScenarios.Latency("50ms"));

        using var response = await run.PostMessagesAsync(FakeRun.HelloBody);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("malformed+latency", (await JournalWait.SingleCallAsync(run)).Fault);
    }

    [Fact]
    public async Task Anthropic_sdk_raises_its_own_exception_for_each_new_kind()
    {
        await AssertRaisesAsync<AnthropicUnauthorizedException>("unauthorized", 401);
        await AssertRaisesAsync<AnthropicForbiddenException>("permission_denied", 403);
        await AssertRaisesAsync<AnthropicNotFoundException>("model_not_found", 404);
        await AssertRaisesAsync<AnthropicGatewayTimeoutException>("gateway_timeout", 504);
        await AssertRaisesAsync<AnthropicBadRequestException>("content_filter", 400);
    }

    [Fact]
    public async Task Anthropic_sdk_raises_payment_required_for_a_402_billing_error()
    {
        await using var run = await FakeRun.StartAsync(TestScenarios.Error(402));

        var error = await Assert.ThrowsAsync<AnthropicPaymentRequiredException>(() => run.Client().Messages.Create(Hello));

        Assert.Contains("credit balance is too low", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anthropic_sdk_fails_on_a_truncated_body()
    {
        await using var run = await StartAsync("truncated_json");

        // Not an Anthropic exception: the SDK's JSON reader gives up part-way, and nothing retries it.
        await Assert.ThrowsAnyAsync<JsonException>(() => run.Client(maxRetries: 2).Messages.Create(Hello));
        await JournalWait.CallsAsync(run, 1);
        Assert.Single(run.Calls);
    }

    private static async Task AssertRaisesAsync<TException>(string kind, int status) where TException : Exception
    {
        await using var run = await FakeRun.StartAsync(TestScenarios.Fault(kind));
        var error = await Assert.ThrowsAsync<TException>(() => run.Client().Messages.Create(Hello));
        Assert.Equal(status, (int)Assert.IsAssignableFrom<AnthropicApiException>(error).StatusCode);
    }
}
