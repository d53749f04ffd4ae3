using System.Net.Http.Json;
using ChaosKit.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ChatApp.XunitV3.Tests;

// The assembly fixture is shared by every test: this class runs its tests one at a time and resets the fakes for each.
public sealed class ChatOutageTests : IAsyncDisposable
{
    private readonly ChaosFakes _fakes;
    private readonly WebApplicationFactory<Program> _app;
    private readonly HttpClient _client;

    public ChatOutageTests(ChatOutage outage)
    {
        _fakes = outage.Fakes;
        _fakes.Reset();
        _app = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseConfiguration(_fakes.Configuration).UseSetting("Chat:MaxRetries", "0"));
        _client = _app.CreateClient();
    }

    [Fact]
    public async Task When_both_providers_are_down_the_app_answers_from_its_canned_reply()
    {
        _fakes.JumpToPhase("both-down");

        var (answer, trace) = await AskAsync("Anyone there?");

        Assert.Equal("canned", answer.ServedBy);
        var request = _fakes.Journal.For(trace);
        Assert.Equal(["gpt", "claude"], request.Providers);
        Assert.False(request.Succeeded);
        Assert.Equal(0, request.TokensBilled);
    }

    [Fact]
    public async Task A_fault_switched_on_for_one_call_shows_the_fallback_and_switched_off_the_app_recovers()
    {
        using (_fakes.SwitchOn(ChaosFault.Error(500).On("gpt")))
        {
            var (during, duringTrace) = await AskAsync("First?");
            Assert.Equal("anthropic", during.ServedBy);
            Assert.True(_fakes.Journal.For(duringTrace).FellBack);
        }

        var (after, afterTrace) = await AskAsync("Second?");

        Assert.Equal("openai", after.ServedBy);
        Assert.Equal([200], _fakes.Journal.For(afterTrace).Attempts.Select(a => a.Status));
    }

    [Fact]
    public async Task Tokens_spent_per_question_are_read_from_the_journal()
    {
        var traces = new List<ChaosTrace>();
        foreach (var question in new[] { "One?", "Two?", "Three?" }) traces.Add((await AskAsync(question)).Trace);

        var spent = traces.Select(t => _fakes.Journal.For(t).TokensBilled).ToArray();
        Assert.All(spent, tokens => Assert.InRange(tokens, 1, 2_000));
        Assert.Equal(spent.Sum(), _fakes.Journal.TokensBilled);
        Assert.Equal(new Dictionary<string, int> { ["gpt"] = 3 }, _fakes.Journal.ByProvider);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<(ChatAnswer Answer, ChaosTrace Trace)> AskAsync(string question)
    {
        var trace = ChaosTrace.New();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat") { Content = JsonContent.Create(new ChatRequest(question)) };
        trace.AddTo(request.Headers);
        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return ((await response.Content.ReadFromJsonAsync<ChatAnswer>(TestContext.Current.CancellationToken))!, trace);
    }
}
