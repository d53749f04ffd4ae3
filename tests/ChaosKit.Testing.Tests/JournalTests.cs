using System.ClientModel;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Anthropic.Exceptions;
using ChaosKit.Fakes.Journal;
using OpenAI.Chat;

namespace ChaosKit.Testing.Tests;

public sealed class JournalTests
{
    private const string HelloBody = """{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":"Hello"}]}""";

    [Fact]
    public async Task A_request_s_retries_are_joined_by_the_trace_id_the_sdk_passed_on()
    {
        await using var fakes = await ChaosFakes.StartAsync(Clients.Claude(ChaosFault.Overloaded().On("claude")));
        var claude = Clients.Anthropic(fakes, maxRetries: 1);
        await Assert.ThrowsAsync<AnthropicOverloadedException>(() => claude.Messages.Create(Clients.Hello));

        ActivityTraceId traceId;
        using (var request = new Activity("ask").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            traceId = request.TraceId;
            await Assert.ThrowsAsync<AnthropicOverloadedException>(() => claude.Messages.Create(Clients.Hello));
        }
        var trail = fakes.Journal.For(traceId);

        Assert.Equal(2, trail.Attempts.Count);
        Assert.Equal([0, 1], trail.Attempts.Select(a => a.RetryCount ?? -1));
        Assert.All(trail.Attempts, a => Assert.Equal((529, "overloaded", "claude", "only"), (a.Status, a.Fault, a.Provider, a.Phase)));
        Assert.Equal(1, trail.Retries);
        Assert.Empty(trail.EarlyRetries);
        Assert.False(trail.Succeeded);
        Assert.Null(trail.ServedBy);
        Assert.Equal(4, fakes.Journal.Calls.Count);
        Assert.Equal(2, fakes.Journal.Retries.Count);
    }

    [Fact]
    public async Task A_client_that_retries_before_retry_after_ran_out_is_flagged()
    {
        await using var fakes = await ChaosFakes.StartAsync(Clients.Claude(ChaosFault.RateLimit(TimeSpan.FromSeconds(30)).On("claude")));
        using var http = new HttpClient();
        var trace = ChaosTrace.New();

        using (var first = await http.SendAsync(Messages(fakes, trace))) Assert.Equal(TimeSpan.FromSeconds(30), first.Headers.RetryAfter?.Delta);
        using (await http.SendAsync(Messages(fakes, trace))) { }
        var trail = fakes.Journal.For(trace);

        Assert.Equal([429, 429], trail.Attempts.Select(a => a.Status));
        var early = Assert.Single(trail.EarlyRetries);
        Assert.Same(trail.Attempts[1], early);
        Assert.True(early.EarlyBy > TimeSpan.Zero);
        Assert.Single(fakes.Journal.EarlyRetries);
        Assert.Equal(new Dictionary<int, int> { [429] = 2 }, fakes.Journal.ByStatus);
    }

    [Fact]
    public async Task A_fallback_to_another_provider_and_the_tokens_it_cost_are_read_from_the_request_s_trail()
    {
        var scenario = ChaosScenario.Create("fallback")
            .WithOpenAI("gpt")
            .WithAnthropic("claude")
            .Phase("gpt-down", TimeSpan.FromHours(1), ChaosFault.Overloaded().On("gpt"));
        await using var fakes = await ChaosFakes.StartAsync(scenario);

        ActivityTraceId traceId;
        using (var request = new Activity("ask").Start())
        {
            traceId = request.TraceId;
            // What an app with a fallback does: the primary fails, the other provider answers.
            await Assert.ThrowsAsync<ClientResultException>(() => Clients.OpenAi(fakes).CompleteChatAsync([new UserChatMessage("Hello")]));
            await Clients.Anthropic(fakes).Messages.Create(Clients.Hello);
        }
        var trail = fakes.Journal.For(traceId);

        Assert.Equal(["gpt", "claude"], trail.Providers);
        Assert.True(trail.FellBack);
        Assert.Equal("claude", trail.ServedBy);
        Assert.Same(trail.Attempts[1], trail.Success);
        Assert.Equal(trail.Id, Assert.Single(fakes.Journal.Fallbacks).Id);
        var answer = trail.To("claude").Single();
        Assert.True(answer.InputTokens > 0 && answer.OutputTokens > 0);
        Assert.Equal((long)(answer.InputTokens!.Value + answer.OutputTokens!.Value), trail.TokensBilled);
        Assert.Equal(0, trail.To("gpt").Single().TokensBilled);
        Assert.Equal(trail.TokensBilled, fakes.Journal.TokensBilled);
        Assert.Equal(0, trail.TokensWasted);
    }

    [Fact]
    public async Task A_stream_cut_part_way_is_billed_and_counted_as_wasted()
    {
        var scenario = ChaosScenario.Create("cut")
            .WithAnthropic("claude", new ChaosProviderOptions { TimeToFirstToken = TimeSpan.FromMilliseconds(5), TokensPerSecond = 2_000 })
            .Phase("cut", TimeSpan.FromHours(1), ChaosFault.StreamCut(3, mode: "error").On("claude"));
        await using var fakes = await ChaosFakes.StartAsync(scenario);

        await Assert.ThrowsAnyAsync<AnthropicException>(async () =>
        {
            await foreach (var _ in Clients.Anthropic(fakes).Messages.CreateStreaming(Clients.Hello)) { }
        });
        var call = Assert.Single(fakes.Journal.Calls);

        Assert.True(call.Streaming);
        Assert.Equal("stream_cut", call.Fault);
        Assert.True(call.IsDiscardedAnswer);
        Assert.False(call.Succeeded);
        Assert.Equal(call.TokensBilled, call.TokensWasted);
        Assert.True(fakes.Journal.TokensWasted > 0);
    }

    [Fact]
    public async Task A_correlation_header_names_a_request_as_a_trace_id_does()
    {
        await using var fakes = await ChaosFakes.StartAsync(Clients.Claude(), new ChaosFakesOptions { CorrelationHeader = "x-correlation-id" });
        using var http = new HttpClient();
        using var request = Messages(fakes);
        request.Headers.Add("x-correlation-id", "order-42");

        using (await http.SendAsync(request)) { }

        var call = Assert.Single(fakes.Journal.For("order-42").Attempts);
        Assert.Equal(200, call.Status);
        Assert.Null(call.TraceId);
        Assert.Equal("order-42", Assert.Single(fakes.Journal.Requests).Id);
    }

    [Fact]
    public async Task The_journal_keeps_its_last_calls_up_to_its_capacity_and_counts_the_ones_it_forgot()
    {
        await using var fakes = await ChaosFakes.StartAsync(Clients.Claude(), new ChaosFakesOptions { JournalCapacity = 2 });
        var claude = Clients.Anthropic(fakes);

        for (var i = 0; i < 3; i++) await claude.Messages.Create(Clients.Hello);

        Assert.Equal([2L, 3L], fakes.Journal.Calls.Select(c => c.Sequence));
        Assert.Equal(1, fakes.Journal.Dropped);
        fakes.Journal.Clear();
        Assert.Empty(fakes.Journal.Calls);
        Assert.Equal(0, fakes.Journal.Dropped);
    }

    [Fact]
    public async Task A_query_waits_for_a_held_call_only_once_then_answers_with_what_is_recorded()
    {
        await using var fakes = await ChaosFakes.StartAsync(Clients.Claude(ChaosFault.Hang().On("claude")),
            new ChaosFakesOptions { JournalSettleTimeout = TimeSpan.FromMilliseconds(200) });
        using var http = new HttpClient();
        using var giveUp = new CancellationTokenSource();
        var held = http.SendAsync(Messages(fakes), giveUp.Token);
        for (var i = 0; i < 1_000 && fakes.Provider("claude").Received == 0; i++) await Task.Delay(10);

        Assert.False(fakes.Journal.Settle());
        Assert.True(fakes.Journal.Settle());
        Assert.Empty(fakes.Journal.Calls);

        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => held);
    }

    [Fact]
    public async Task The_journal_file_holds_what_the_in_memory_journal_holds()
    {
        var path = Path.Combine(Path.GetTempPath(), $"chaoskit-testing-{Guid.NewGuid():N}.jsonl");
        try
        {
            var trace = ChaosTrace.New();
            await using (var fakes = await ChaosFakes.StartAsync(Clients.Claude(), new ChaosFakesOptions { JournalPath = path }))
            {
                using var http = new HttpClient();
                using (await http.SendAsync(Messages(fakes, trace))) { }
                Assert.True(await fakes.Journal.SettleAsync());
                Assert.Single(fakes.Journal.Calls);
            }

            var written = Assert.Single(JournalReader.Read(path));
            Assert.Equal((200, trace.TraceId), (written.Status, written.CorrelationId));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static HttpRequestMessage Messages(ChaosFakes fakes, ChaosTrace? trace = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fakes.Provider("claude").BaseUrl, "v1/messages"))
        {
            Content = new StringContent(HelloBody, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("x-api-key", fakes.Environment["ANTHROPIC_API_KEY"]);
        request.Headers.Add("anthropic-version", "2023-06-01");
        trace?.AddTo(request.Headers);
        return request;
    }
}
