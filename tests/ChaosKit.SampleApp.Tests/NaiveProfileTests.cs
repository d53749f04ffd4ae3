using System.Net;
using ChaosKit.SampleApp.Tests.Support;
using static ChaosKit.SampleApp.Tests.Support.Scenarios;

namespace ChaosKit.SampleApp.Tests;

/// <summary>The <c>naive</c> profile: the primary only, no retries, no fallback, so an outage reaches the user as an error.</summary>
public sealed class NaiveProfileTests
{
    private static readonly Dictionary<string, string> Naive = new() { ["SampleApp:Profile"] = "naive" };

    [Theory]
    [InlineData(529, HttpStatusCode.ServiceUnavailable)]
    [InlineData(500, HttpStatusCode.BadGateway)]
    public async Task An_outage_is_an_error_answer_after_one_call_without_retries(int status, HttpStatusCode answered)
    {
        await using var run = await SampleAppRun.StartAsync(With(openAi: true, Fault("error", Claude, $"status: {status}")), Naive);

        using var response = await run.AskAsync();

        Assert.Equal(answered, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("none", response.ServedBy());
        Assert.Null(response.Source());
        var problem = await response.JsonAsync();
        Assert.Equal("anthropic", problem.Text("provider"));
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.Text("detail"));
        var calls = await run.CallsAsync(Claude, 1);
        Assert.Equal((1, 0), (calls.Total, calls.Retries));
        Assert.Equal(0, run.Calls(Gpt).Total); // configured, but naive has no alternative
    }

    [Fact]
    public async Task A_stream_that_fails_before_its_first_token_is_an_error_answer()
    {
        await using var run = await SampleAppRun.StartAsync(With(openAi: false, Fault("error", Claude, "status: 529")), Naive);

        var answer = await run.StreamAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
        Assert.Equal("none", answer.ServedBy);
        Assert.Null(answer.Done);
        Assert.Equal(1, (await run.CallsAsync(Claude, 1)).Total);
    }

    [Fact]
    public async Task A_stream_cut_midway_ends_marked_as_cut()
    {
        await using var run = await SampleAppRun.StartAsync(With(openAi: false, ReadablePace, Fault("stream_cut", Claude, ReadableCut, "mode: reset")), Naive);

        var answer = await run.StreamAsync();

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("anthropic", answer.ServedBy);
        Assert.True(answer.Deltas > 0);
        var done = answer.Done!.Value;
        Assert.True(done.GetProperty("cut").GetBoolean());
        Assert.Equal("anthropic", done.Text("servedBy"));
    }

    [Fact]
    public async Task A_healthy_provider_answers_as_in_every_profile()
    {
        await using var run = await SampleAppRun.StartAsync(With(openAi: false), Naive);

        using var response = await run.AskAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("anthropic", "provider"), (response.ServedBy(), response.Source()));
    }
}
