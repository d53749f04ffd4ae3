using System.Net;
using System.Net.Http.Json;
using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using ChaosKit.Fakes.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ChaosKit.SampleApp.Tests;

/// <summary>The sample app against a real fake Anthropic provider on loopback, healthy or failing.</summary>
public sealed class AskEndpointTests
{
    private static Scenario ScenarioWith(params FaultSpec[] faults) => new()
    {
        Name = "sample-app",
        Seed = 3,
        Providers = [new ProviderSpec("claude", "anthropic", 0, SourceLocation.None)],
        Timeline = [new PhaseSpec("only", TimeSpan.FromMinutes(5), faults, SourceLocation.None)],
        Target = new TargetSpec(null, SourceLocation.None),
        Load = new LoadSpec(1, 1, TimeSpan.FromSeconds(5), new RequestTemplate("POST", "/api/ask", new Dictionary<string, string>(), null, SourceLocation.None), null, SourceLocation.None),
        Expectations = [],
    };

    private static async Task<(ProviderFakes Fakes, HttpClient App, WebApplicationFactory<Program> Factory)> StartAsync(Scenario scenario)
    {
        var clock = new RunClock(new ChaosKit.Core.Timeline.RunTimeline(scenario.Timeline));
        clock.Start();
        var fakes = await ProviderFakes.StartAsync(scenario, clock);
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ANTHROPIC_BASE_URL", fakes.Fakes[0].BaseUrl.ToString().TrimEnd('/'));
            b.UseSetting("ANTHROPIC_API_KEY", "sk-ant-test");
            b.UseSetting("Anthropic:MaxRetries", "1");
        });
        return (fakes, factory.CreateClient(), factory);
    }

    [Fact]
    public async Task A_healthy_provider_answers_and_the_header_says_provider()
    {
        var (fakes, app, factory) = await StartAsync(ScenarioWith());
        await using (fakes)
        using (factory)
        {
            using var response = await app.PostAsJsonAsync("/api/ask", new { question = "What is chaos engineering?" });

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("provider", response.Headers.GetValues("X-Answer-Source").Single());
            var body = await response.Content.ReadFromJsonAsync<AnswerBody>();
            Assert.False(string.IsNullOrWhiteSpace(body!.Answer));
            Assert.Equal("claude-sonnet-4-5-20250929", body.Model);
            Assert.Equal(1, fakes.AllCalls().Total);
        }
    }

    [Fact]
    public async Task An_overloaded_provider_is_retried_then_answered_from_the_fallback()
    {
        var outage = new FaultSpec("error", "claude", 1.0, FaultSettings.FromValues(new Dictionary<string, string> { ["status"] = "529" }), SourceLocation.None);
        var (fakes, app, factory) = await StartAsync(ScenarioWith(outage));
        await using (fakes)
        using (factory)
        {
            using var response = await app.PostAsJsonAsync("/api/ask", new { question = "Is it down?" });

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("fallback", response.Headers.GetValues("X-Answer-Source").Single());
            var body = await response.Content.ReadFromJsonAsync<AnswerBody>();
            Assert.Contains("529", body!.Reason);
            Assert.Equal(2, fakes.AllCalls().ByStatus["529"]);
        }
    }

    [Fact]
    public async Task An_empty_question_is_a_bad_request_and_never_reaches_the_provider()
    {
        var (fakes, app, factory) = await StartAsync(ScenarioWith());
        await using (fakes)
        using (factory)
        {
            using var response = await app.PostAsJsonAsync("/api/ask", new { question = " " });

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(0, fakes.AllCalls().Total);
        }
    }

    private sealed record AnswerBody(string Answer, string Source, string? Model, string? Reason);
}
