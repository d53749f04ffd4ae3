using System.Net;
using System.Net.Http.Json;
using ChaosKit.SampleApp.Tests.Support;
using static ChaosKit.SampleApp.Tests.Support.Scenarios;

namespace ChaosKit.SampleApp.Tests;

/// <summary>The app in its default profile (<c>sdk-defaults</c>) against a fake Claude on loopback, healthy or failing.</summary>
public sealed class AskEndpointTests
{
    [Fact]
    public async Task A_healthy_provider_answers_and_the_headers_say_provider_and_anthropic()
    {
        await using var run = await SampleAppRun.StartAsync(With(openAi: false));

        using var response = await run.AskAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("provider", response.Source());
        Assert.Equal("anthropic", response.ServedBy());
        var body = await response.JsonAsync();
        Assert.False(string.IsNullOrWhiteSpace(body.Text("answer")));
        Assert.Equal("claude-sonnet-4-5-20250929", body.Text("model"));
        Assert.Equal("anthropic", body.Text("servedBy"));
        Assert.Equal(1, (await run.CallsAsync(Claude, 1)).Total);
    }

    [Fact]
    public async Task An_overloaded_provider_is_retried_as_Anthropic_MaxRetries_says_then_answered_from_the_knowledge_base()
    {
        await using var run = await SampleAppRun.StartAsync(With(openAi: false, Fault("error", Claude, "status: 529")),
            new Dictionary<string, string> { ["Anthropic:MaxRetries"] = "1" });

        using var response = await run.AskAsync("Is it down?");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("fallback", response.Source());
        Assert.Equal("knowledge-base", response.ServedBy());
        var body = await response.JsonAsync();
        Assert.Contains("529", body.Text("reason"));
        Assert.Equal("service-status", body.Text("article"));
        Assert.Equal(2, (await run.CallsAsync(Claude, 2)).ByStatus["529"]);
    }

    [Fact]
    public async Task An_empty_question_is_a_bad_request_and_never_reaches_the_provider()
    {
        await using var run = await SampleAppRun.StartAsync(With(openAi: false));

        using var response = await run.AskAsync(" ");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("none", response.ServedBy());
        Assert.Equal(0, run.Calls(Claude).Total);
    }

    [Fact]
    public async Task An_answer_is_kept_and_read_back_by_its_id()
    {
        await using var run = await SampleAppRun.StartAsync(With(openAi: false));

        using var response = await run.AskAsync();
        var answer = await response.JsonAsync();
        var kept = await run.App.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/history/{answer.Text("id")}");
        using var missing = await run.App.GetAsync("/api/history/nope");

        Assert.Equal(answer.Text("answer"), kept.Text("answer"));
        Assert.Equal("anthropic", kept.Text("servedBy"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
