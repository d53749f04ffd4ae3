using System.Net;
using ChaosKit.SampleApp.Tests.Support;
using static ChaosKit.SampleApp.Tests.Support.Scenarios;

namespace ChaosKit.SampleApp.Tests;

/// <summary>
/// The <c>resilient</c> profile's whole answers: the HttpClient pipeline's retries and circuit breaker, the other
/// provider, then the knowledge base.
/// </summary>
public sealed class ResilientProfileTests
{
    [Theory]
    [InlineData("retry_after: 1s")]
    [InlineData("retry_after_ms: 400ms\nretry_after: none")]
    public async Task A_429_with_a_retry_hint_is_retried_only_once_the_wait_is_over(string hint)
    {
        await using var run = await SampleAppRun.StartAsync(With(openAi: false, Fault("error", Claude, ["status: 429", .. hint.Split('\n')])), SampleAppRun.Resilient());

        using var response = await run.AskAsync();

        var calls = await run.CallsAsync(Claude, 2);
        Assert.Equal((2, 1), (calls.Total, calls.Retries));
        Assert.Equal(0, calls.EarlyRetries);
        Assert.Equal(("knowledge-base", "fallback"), (response.ServedBy(), response.Source()));
    }

    [Fact]
    public async Task X_should_retry_false_stops_the_retries_and_the_other_provider_answers()
    {
        await using var run = await SampleAppRun.StartAsync(With(openAi: true, Fault("error", Claude, "status: 529", "should_retry: false")), SampleAppRun.Resilient());

        using var response = await run.AskAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("openai", "provider"), (response.ServedBy(), response.Source()));
        var calls = await run.CallsAsync(Claude, 1);
        Assert.Equal((1, 0), (calls.Total, calls.Retries));
        Assert.Contains("anthropic: ", (await response.JsonAsync()).Text("reason"));
    }

    [Fact]
    public async Task A_spent_OpenAI_quota_is_not_retried_even_without_a_retry_header()
    {
        // Only the body says insufficient_quota: the fake sends no x-should-retry here.
        await using var run = await SampleAppRun.StartAsync(With(openAi: true, Fault("quota_exhausted", Gpt, "should_retry: none")),
            SampleAppRun.Resilient(("SampleApp:Primary", "openai")));

        using var response = await run.AskAsync();

        Assert.Equal(("anthropic", "provider"), (response.ServedBy(), response.Source()));
        Assert.Equal(1, (await run.CallsAsync(Gpt, 1)).Total);
        Assert.Contains("insufficient_quota", (await response.JsonAsync()).Text("reason"));
    }

    [Fact]
    public async Task A_retry_after_sends_this_request_and_the_next_to_the_other_provider_until_the_wait_is_over()
    {
        await using var run = await SampleAppRun.StartAsync(With(openAi: true, Fault("error", Claude, "status: 429", "retry_after: 60s")), SampleAppRun.Resilient());

        using var first = await run.AskAsync();
        using var second = await run.AskAsync();

        Assert.Equal(("openai", "openai"), (first.ServedBy(), second.ServedBy()));
        // One call to Claude: its 429 was not retried, and the second request did not knock on it within the minute.
        Assert.Equal(1, (await run.CallsAsync(Claude, 1)).Total);
        Assert.Equal(2, (await run.CallsAsync(Gpt, 2)).Total);
        Assert.Contains("retry-after", (await second.JsonAsync()).Text("reason"));
    }

    [Fact]
    public async Task Once_the_circuit_opens_calls_to_the_failing_provider_stop_and_the_other_answers()
    {
        // No warm-up: its healthy calls would count in the breaker's window too.
        await using var run = await SampleAppRun.StartAsync(With(openAi: true, Fault("error", Claude, "status: 529")),
            SampleAppRun.Resilient(("SampleApp:Resilient:BreakerMinimumThroughput", "4")), warmUp: false);

        // With OpenAI after it, Claude is not retried: one call a question, handed to OpenAI at once. The fourth
        // failure is the breaker's minimum and opens the circuit: no call reaches Claude after that.
        long[] expected = [1, 2, 3, 4, 4, 4];
        List<string> servedBy = [];
        List<long> claudeCalls = [];
        foreach (var calls in expected)
        {
            using var response = await run.AskAsync();
            servedBy.Add(response.ServedBy());
            claudeCalls.Add((await run.CallsAsync(Claude, calls)).Total);
        }

        Assert.All(servedBy, s => Assert.Equal("openai", s));
        Assert.Equal(expected, claudeCalls);
        Assert.Equal(6, (await run.CallsAsync(Gpt, 6)).Total);
        var readiness = await run.ReadinessAsync(_ => true);
        Assert.Equal("degraded", readiness.Text("status"));
        Assert.Equal("open", readiness.GetProperty("providers")[0].Text("circuit"));
    }

    [Fact]
    public async Task With_both_providers_down_the_knowledge_base_answers()
    {
        await using var run = await SampleAppRun.StartAsync(
            With(openAi: true, Fault("error", Claude, "status: 503", "should_retry: false"), Fault("error", Gpt, "status: 500")), SampleAppRun.Resilient());

        using var response = await run.AskAsync("My invoice shows a charge I don't recognise");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("knowledge-base", "fallback"), (response.ServedBy(), response.Source()));
        var body = await response.JsonAsync();
        Assert.Equal("refunds", body.Text("article"));
        Assert.Contains("anthropic: ", body.Text("reason"));
        Assert.Contains("openai: ", body.Text("reason"));
        // Claude, with OpenAI behind it, is not retried; OpenAI, the last provider, once.
        Assert.Equal((1, 2), ((await run.CallsAsync(Claude, 1)).Total, (await run.CallsAsync(Gpt, 2)).Total));
    }

    [Fact]
    public async Task An_answer_longer_than_allowed_never_reaches_the_user()
    {
        await using var run = await SampleAppRun.StartAsync(With(openAi: true), SampleAppRun.Resilient(("SampleApp:MaxAnswerChars", "10")));

        using var response = await run.AskAsync();

        Assert.Equal("knowledge-base", response.ServedBy());
        Assert.Contains("ran past 10 characters", (await response.JsonAsync()).Text("reason"));
        Assert.Equal((1, 1), ((await run.CallsAsync(Claude, 1)).Total, (await run.CallsAsync(Gpt, 1)).Total));
    }

    [Fact]
    public async Task An_attempt_that_outlasts_its_timeout_goes_to_the_other_provider_at_once()
    {
        await using var run = await SampleAppRun.StartAsync(With(openAi: true, Fault("latency", Claude, "delay: 3s")),
            SampleAppRun.Resilient(("SampleApp:Resilient:AttemptTimeoutSeconds", "0.3")));

        using var response = await run.AskAsync();

        Assert.Equal("openai", response.ServedBy());
        Assert.Equal(1, (await run.CallsAsync(Claude, 1)).Total);
        Assert.Contains("TimeoutRejectedException", (await response.JsonAsync()).Text("reason"));
    }

    [Fact]
    public async Task A_slow_answer_is_hedged_the_other_provider_is_asked_too_and_the_first_answer_wins()
    {
        await using var run = await SampleAppRun.StartAsync(With(openAi: true, Fault("latency", Claude, "delay: 5s")),
            SampleAppRun.Resilient(("SampleApp:Resilient:HedgeAfterSeconds", "0.3")));

        using var response = await run.AskAsync();

        Assert.Equal(("openai", "provider"), (response.ServedBy(), response.Source()));
        Assert.Contains("anthropic: no answer within 0.3 s, openai asked too", (await response.JsonAsync()).Text("reason"));
        // Claude's call was cancelled, not retried: the fake saw the app hang up (499).
        var claude = await run.CallsAsync(Claude, 1);
        Assert.Equal((1L, 1L), (claude.Total, claude.ByStatus.GetValueOrDefault("499")));
        Assert.Equal(1, (await run.CallsAsync(Gpt, 1)).Total);
    }

    [Fact]
    public async Task A_provider_that_keeps_missing_its_hedge_is_passed_over_until_a_trial_call_finds_it_answering_in_time()
    {
        // Claude stalls for the first 4 s of the run, then answers at once.
        const string stallThenHealthy = """
            providers:
              - name: claude
                kind: anthropic
              - name: gpt
                kind: openai
            timeline:
              - name: stall
                duration: 4s
                faults:
                  - kind: latency
                    provider: claude
                    delay: 10s
              - name: healthy
                duration: 1h
            """;
        await using var run = await SampleAppRun.StartAsync(stallThenHealthy, SampleAppRun.Resilient(
            ("SampleApp:Resilient:HedgeAfterSeconds", "0.3"), ("SampleApp:Resilient:SlowPassOverSeconds", "1.5")));

        for (var i = 0; i < 3; i++)
        {
            using var hedged = await run.AskAsync();
            Assert.Equal("openai", hedged.ServedBy());
        }
        using var passedOver = await run.AskAsync();

        // Three hedged calls reached Claude; the fourth question went straight to OpenAI.
        Assert.Equal("openai", passedOver.ServedBy());
        Assert.Contains("passed over", (await passedOver.JsonAsync()).Text("reason"));
        Assert.Equal(3, (await run.CallsAsync(Claude, 3)).Total);
        Assert.Equal("slow", (await run.ReadinessAsync(_ => true)).GetProperty("providers")[0].Text("circuit"));

        // Once Claude answers again, the first call after the wait is the trial, and it finds Claude back.
        var stallLeft = TimeSpan.FromSeconds(4.1) - run.Elapsed;
        if (stallLeft > TimeSpan.Zero) await Task.Delay(stallLeft);
        using var trial = await run.AskAsync();
        using var after = await run.AskAsync();
        Assert.Equal(("anthropic", "anthropic"), (trial.ServedBy(), after.ServedBy()));
    }

    [Fact]
    public async Task The_last_provider_of_the_chain_is_retried_after_an_attempt_timeout_before_the_knowledge_base_answers()
    {
        await using var run = await SampleAppRun.StartAsync(With(openAi: false, Fault("latency", Claude, "delay: 3s")),
            SampleAppRun.Resilient(("SampleApp:Resilient:AttemptTimeoutSeconds", "0.3")));

        using var response = await run.AskAsync();

        Assert.Equal(("knowledge-base", "fallback"), (response.ServedBy(), response.Source()));
        var calls = await run.CallsAsync(Claude, 2);
        Assert.Equal((2, 1), (calls.Total, calls.Retries));
    }
}
