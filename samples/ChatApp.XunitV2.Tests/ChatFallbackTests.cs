using System.Net.Http.Json;
using ChaosKit.Testing;

namespace ChatApp.XunitV2.Tests;

public sealed class ChatFallbackTests : IClassFixture<ChatOutage>
{
    private readonly ChatOutage _outage;
    private readonly HttpClient _app;

    public ChatFallbackTests(ChatOutage outage)
    {
        _outage = outage;
        _app = outage.App.CreateClient();
        // The tests of the class share the fakes: each starts from the first phase, no live fault, an empty journal.
        outage.Fakes.Reset();
    }

    private ChaosFakes Fakes => _outage.Fakes;

    [Fact]
    public async Task A_healthy_openai_answers_in_one_call()
    {
        var (answer, trace) = await AskAsync("What is chaos engineering?");

        Assert.Equal("openai", answer.ServedBy);
        var call = Assert.Single(Fakes.Journal.For(trace).Attempts);
        Assert.Equal(("gpt", 200), (call.Provider, call.Status));
        Assert.True(call.TokensBilled > 0);
    }

    [Fact]
    public async Task When_openai_is_down_the_app_retries_once_then_falls_back_to_claude()
    {
        Fakes.JumpToPhase("openai-down");

        var (answer, trace) = await AskAsync("Is it down?");

        Assert.Equal("anthropic", answer.ServedBy);
        var request = Fakes.Journal.For(trace);
        Assert.Equal([("gpt", 503), ("gpt", 503), ("claude", 200)], request.Attempts.Select(a => (a.Provider, a.Status)));
        Assert.True(request.FellBack);
        Assert.Equal("claude", request.ServedBy);
        Assert.Equal(request.Id, Assert.Single(Fakes.Journal.Fallbacks).Id);
        Assert.Equal(0, request.To("gpt").Sum(a => a.TokensBilled));
    }

    [Fact]
    public async Task A_rate_limited_openai_is_retried_only_after_its_retry_after()
    {
        Fakes.JumpToPhase("openai-rate-limited");

        var (answer, trace) = await AskAsync("Are we rate limited?");

        Assert.Equal("anthropic", answer.ServedBy);
        var request = Fakes.Journal.For(trace);
        Assert.Equal([429, 429], request.To("gpt").Select(a => a.Status));
        Assert.Empty(request.EarlyRetries);
        Assert.Empty(Fakes.Journal.EarlyRetries);
    }

    private async Task<(ChatAnswer Answer, ChaosTrace Trace)> AskAsync(string question)
    {
        // A trace id of our own: the app passes it on to its SDK calls, and the journal finds them by it.
        var trace = ChaosTrace.New();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat") { Content = JsonContent.Create(new ChatRequest(question)) };
        trace.AddTo(request.Headers);
        using var response = await _app.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return ((await response.Content.ReadFromJsonAsync<ChatAnswer>())!, trace);
    }
}
