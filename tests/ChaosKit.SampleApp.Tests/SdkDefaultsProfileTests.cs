using System.Net;
using ChaosKit.SampleApp.Tests.Support;
using static ChaosKit.SampleApp.Tests.Support.Scenarios;

namespace ChaosKit.SampleApp.Tests;

/// <summary>The <c>sdk-defaults</c> profile: the official SDK's own retries, then the knowledge base.</summary>
public sealed class SdkDefaultsProfileTests
{
    [Fact]
    public async Task The_Anthropic_SDK_retries_twice_by_default_then_the_knowledge_base_answers()
    {
        await using var run = await SampleAppRun.StartAsync(With(openAi: true, Fault("error", Claude, "status: 529")),
            new Dictionary<string, string> { ["SampleApp:Profile"] = "sdk-defaults" });

        using var response = await run.AskAsync("I forgot my password, how do I reset it?");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("knowledge-base", "fallback"), (response.ServedBy(), response.Source()));
        var body = await response.JsonAsync();
        Assert.Equal("reset-password", body.Text("article"));
        var calls = await run.CallsAsync(Claude, 3);
        Assert.Equal((3, 2), (calls.Total, calls.Retries));
        Assert.Equal(0, run.Calls(Gpt).Total); // the SDK defaults know one provider
    }

    [Fact]
    public async Task X_should_retry_false_stops_the_SDK_retries()
    {
        await using var run = await SampleAppRun.StartAsync(With(openAi: false, Fault("error", Claude, "status: 529", "should_retry: false")));

        using var response = await run.AskAsync();

        Assert.Equal("knowledge-base", response.ServedBy());
        Assert.Equal(1, (await run.CallsAsync(Claude, 1)).Total);
    }

    [Fact]
    public async Task Anthropic_TimeoutSeconds_bounds_each_attempt_of_the_SDK()
    {
        await using var run = await SampleAppRun.StartAsync(With(openAi: false, Fault("latency", Claude, "delay: 3s")),
            new Dictionary<string, string> { ["Anthropic:TimeoutSeconds"] = "0.3", ["Anthropic:MaxRetries"] = "1" });

        using var response = await run.AskAsync();

        Assert.Equal("knowledge-base", response.ServedBy());
        Assert.Contains("TaskCanceledException", (await response.JsonAsync()).Text("reason"));
        Assert.Equal(2, (await run.CallsAsync(Claude, 2)).Total);
    }

    [Fact]
    public async Task A_stream_cut_midway_ends_marked_as_cut_and_no_other_provider_is_asked()
    {
        await using var run = await SampleAppRun.StartAsync(With(openAi: true, Fault("stream_cut", Claude, "after_tokens: 5")));

        var answer = await run.StreamAsync();

        Assert.Equal(("anthropic", "provider", "text/event-stream"), (answer.ServedBy, answer.Source, answer.ContentType));
        var done = answer.Done!.Value;
        Assert.True(done.GetProperty("cut").GetBoolean());
        Assert.Equal("anthropic", done.Text("servedBy"));
        Assert.Contains("message_stop", done.Text("reason"));
        Assert.Equal(0, run.Calls(Gpt).Total);
    }

    [Fact]
    public async Task A_stream_that_fails_before_its_first_token_is_answered_from_the_knowledge_base()
    {
        await using var run = await SampleAppRun.StartAsync(With(openAi: false, Fault("error", Claude, "status: 500", "should_retry: false")));

        var answer = await run.StreamAsync("Where can I download an export of my data?");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(("knowledge-base", "fallback"), (answer.ServedBy, answer.Source));
        Assert.Contains("Export", answer.Text);
        var done = answer.Done!.Value;
        Assert.Equal(("knowledge-base", "fallback"), (done.Text("servedBy"), done.Text("source")));
        Assert.False(done.GetProperty("cut").GetBoolean());
    }
}
