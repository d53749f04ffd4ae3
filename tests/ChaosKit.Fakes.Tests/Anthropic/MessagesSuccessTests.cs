using System.Text.Json;
using System.Text.RegularExpressions;
using Anthropic.Models.Messages;
using Anthropic.Models.Models;
using ChaosKit.Fakes.Tests.Support;

namespace ChaosKit.Fakes.Tests.Anthropic;

public sealed class MessagesSuccessTests
{
    private static MessageCreateParams Hello(long maxTokens = 1024, string model = "claude-sonnet-4-5") => new()
    {
        Model = model,
        MaxTokens = maxTokens,
        Messages = [new UserMessageParam("Hello, how are you today?")],
    };

    [Fact]
    public async Task Sdk_gets_text_snapshot_model_usage_and_end_turn()
    {
        await using var run = await FakeRun.StartAsync();

        var message = await run.Client().Messages.Create(Hello());

        Assert.Matches("^msg_01[0-9A-Za-z]{22}$", message.ID);
        Assert.Equal("claude-sonnet-4-5-20250929", message.Model.Raw());
        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.False(string.IsNullOrWhiteSpace(text!.Text));
        Assert.Equal(StopReason.EndTurn, message.StopReason!.Value());
        Assert.Null(message.StopSequence);
        Assert.Equal((long)Math.Ceiling("Hello, how are you today?".Length / 4.0), message.Usage.InputTokens);
        Assert.Equal((long)Math.Ceiling(text.Text.Length / 4.0), message.Usage.OutputTokens);
        Assert.Equal(0, message.Usage.CacheReadInputTokens);

        await JournalWait.SingleCallAsync(run);
        var stats = run.Fakes.CallsInPhase(0);
        Assert.Equal(1, stats.Total);
        Assert.Equal(1, stats.ByStatus["200"]);
        Assert.Equal(0, stats.FaultsInjected);
    }

    [Fact]
    public async Task Small_max_tokens_cuts_the_answer_with_stop_reason_max_tokens()
    {
        await using var run = await FakeRun.StartAsync();

        var message = await run.Client().Messages.Create(Hello(maxTokens: 5));

        Assert.Equal(StopReason.MaxTokens, message.StopReason!.Value());
        Assert.Equal(5, message.Usage.OutputTokens);
        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.InRange(text!.Text.Length, 1, 20);
    }

    [Fact]
    public async Task Same_request_and_seed_give_the_same_text_and_other_requests_differ()
    {
        await using var first = await FakeRun.StartAsync();
        await using var second = await FakeRun.StartAsync();

        var a = await first.Client().Messages.Create(Hello());
        var b = await second.Client().Messages.Create(Hello());
        var c = await first.Client().Messages.Create(Hello(maxTokens: 1000));

        Assert.Equal(Text(a), Text(b));
        Assert.NotEqual(a.ID, c.ID);
        Assert.NotEqual(Text(a), Text(c));
    }

    [Fact]
    public async Task Unknown_but_plausible_model_is_echoed()
    {
        await using var run = await FakeRun.StartAsync();

        var message = await run.Client().Messages.Create(Hello(model: "claude-opus-4-6"));

        Assert.Equal("claude-opus-4-6", message.Model.Raw());
    }

    [Fact]
    public async Task Raw_response_has_anthropic_shape_and_headers()
    {
        await using var run = await FakeRun.StartAsync();

        using var response = await run.PostMessagesAsync(FakeRun.HelloBody);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Matches("^req_011C[0-9A-Za-z]{20}$", Header(response, "request-id"));
        Assert.True(Guid.TryParse(Header(response, "anthropic-organization-id"), out _));
        foreach (var kind in new[] { "requests", "tokens", "input-tokens", "output-tokens" })
        {
            Assert.Matches("^[0-9]+$", Header(response, $"anthropic-ratelimit-{kind}-limit"));
            Assert.Matches("^[0-9]+$", Header(response, $"anthropic-ratelimit-{kind}-remaining"));
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", Header(response, $"anthropic-ratelimit-{kind}-reset"));
        }

        using var json = JsonDocument.Parse(body);
        var names = json.RootElement.EnumerateObject().Select(p => p.Name);
        Assert.Equal(["id", "type", "role", "model", "content", "stop_reason", "stop_sequence", "usage"], names);
        var usage = json.RootElement.GetProperty("usage").EnumerateObject().Select(p => p.Name);
        Assert.Equal(
            ["input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens", "cache_creation", "output_tokens", "service_tier"],
            usage);
        Assert.Equal("standard", json.RootElement.GetProperty("usage").GetProperty("service_tier").GetString());
    }

    [Fact]
    public async Task Stop_sequence_found_in_the_text_ends_the_answer_there()
    {
        await using var run = await FakeRun.StartAsync();
        var full = Text(await run.Client().Messages.Create(Hello()));
        var stop = full.Split(' ')[3];

        var message = await run.Client().Messages.Create(Hello() with { StopSequences = [stop] });

        Assert.Equal(StopReason.StopSequence, message.StopReason!.Value());
        Assert.Equal(stop, message.StopSequence);
        Assert.DoesNotContain(stop, Text(message), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_list_names_snapshots()
    {
        await using var run = await FakeRun.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/models");
        request.Headers.Add("x-api-key", FakeRun.ApiKey);

        using var response = await run.Http.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(200, (int)response.StatusCode);
        var ids = json.RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.Contains("claude-sonnet-4-5-20250929", ids);
        Assert.All(ids, id => Assert.Matches(new Regex(@"-\d{8}$"), id!));
    }

    [Fact]
    public async Task Sdk_pages_the_model_list_and_retrieves_a_model_by_alias()
    {
        await using var run = await FakeRun.StartAsync();
        var client = run.Client();

        var first = await client.Models.List(new ModelListParams { Limit = 3 });
        var ids = first.Items.Select(m => m.ID).ToList();
        for (var page = first; page.HasNext();)
        {
            page = await page.Next();
            ids.AddRange(page.Items.Select(m => m.ID));
        }
        var model = await client.Models.Retrieve("claude-sonnet-4-5");
        var missing = await Assert.ThrowsAnyAsync<Exception>(() => client.Models.Retrieve("claude-unknown-9"));

        Assert.Equal(3, first.Items.Count);
        Assert.True(ids.Count > 3);
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        Assert.Contains("claude-3-5-haiku-20241022", ids);
        Assert.Equal("claude-sonnet-4-5-20250929", model.ID);
        Assert.Equal("Claude Sonnet 4.5", model.DisplayName);
        Assert.Contains("NotFound", missing.Message, StringComparison.Ordinal);
        Assert.Contains("model: claude-unknown-9", missing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v1/models?limit=0", "limit: Input should be greater than or equal to 1")]
    [InlineData("v1/models?limit=1001", "limit: Input should be less than or equal to 1000")]
    [InlineData("v1/models?limit=x", "limit: Input should be a valid integer, unable to parse string as an integer")]
    public async Task A_bad_model_list_limit_is_a_400(string path, string message)
    {
        await using var run = await FakeRun.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-api-key", FakeRun.ApiKey);

        using var response = await run.Http.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("invalid_request_error", json.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(message, json.RootElement.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Model_list_pages_back_with_before_id()
    {
        await using var run = await FakeRun.StartAsync();
        async Task<JsonElement> PageAsync(string query)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "v1/models" + query);
            request.Headers.Add("x-api-key", FakeRun.ApiKey);
            using var response = await run.Http.SendAsync(request);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }

        var all = await PageAsync("");
        var ids = all.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToList();
        var back = await PageAsync($"?limit=2&before_id={ids[3]}");
        var past = await PageAsync($"?after_id={ids[^1]}");

        Assert.Equal([ids[1], ids[2]], back.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()!));
        Assert.True(back.GetProperty("has_more").GetBoolean());
        Assert.Equal(ids[1], back.GetProperty("first_id").GetString());
        Assert.Empty(past.GetProperty("data").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, past.GetProperty("first_id").ValueKind);
        Assert.False(all.GetProperty("has_more").GetBoolean());
    }

    private static string Text(Message message) => message.Content[0].TryPickText(out var text) ? text!.Text : "";

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";
}
