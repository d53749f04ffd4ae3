using Anthropic.Exceptions;
using Anthropic.Models;
using Anthropic.Models.Messages;
using ChaosKit.Fakes.Tests.Support;

namespace ChaosKit.Fakes.Tests.Faults;

public sealed class ErrorPresetTests
{
    private static readonly MessageCreateParams Hello = new()
    {
        Model = "claude-sonnet-4-5",
        MaxTokens = 256,
        Messages = [new UserMessageParam("Hello")],
    };

    [Fact]
    public async Task Overloaded_is_anthropics_529_which_the_sdk_raises_as_overloaded()
    {
        await using var run = await FakeRun.StartAsync(TestScenarios.Fault("overloaded"));

        var error = await Assert.ThrowsAsync<AnthropicOverloadedException>(() => run.Client(maxRetries: 0).Messages.Create(Hello));

        Assert.Equal(529, (int)error.StatusCode);
    }

    // The spend-limit body's details.error_code is what the SDK keys its own exception on.
    [Fact]
    public async Task Quota_exhausted_is_the_spend_limit_which_the_sdk_raises_as_such_and_does_not_retry()
    {
        await using var run = await FakeRun.StartAsync(TestScenarios.Fault("quota_exhausted"));

        var error = await Assert.ThrowsAsync<AnthropicEnforcedSpendLimitReachedException>(() => run.Client(maxRetries: 2).Messages.Create(Hello));

        Assert.Equal(429, (int)error.StatusCode);
        await JournalWait.CallsAsync(run, 1);
        Assert.Equal(1, run.Fakes.CallsInPhase(0).Total); // x-should-retry: false stopped both retries
    }

    [Fact]
    public async Task Rate_limit_and_context_length_carry_their_status_and_hints()
    {
        await using var run = await FakeRun.StartAsync(TestScenarios.Fault("rate_limit", 1.0, null, ("retry_after", "2s")));
        using var limited = await run.PostMessagesAsync(FakeRun.HelloBody);
        Assert.Equal(429, (int)limited.StatusCode);
        Assert.Equal("2", string.Join(",", limited.Headers.GetValues("retry-after")));

        await using var longPrompt = await FakeRun.StartAsync(TestScenarios.Fault("context_length"));
        using var tooLong = await longPrompt.PostMessagesAsync(FakeRun.HelloBody);
        Assert.Equal(400, (int)tooLong.StatusCode);
        Assert.Contains("prompt is too long", await tooLong.Content.ReadAsStringAsync());
    }
}
