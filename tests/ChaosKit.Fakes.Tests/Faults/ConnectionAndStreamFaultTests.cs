using System.Text;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using ChaosKit.Core.Scenarios;
using ChaosKit.Fakes.Journal;
using ChaosKit.Fakes.Tests.Support;

namespace ChaosKit.Fakes.Tests.Faults;

[Collection(WallClockCollection.Name)]
public sealed class ConnectionAndStreamFaultTests
{
    private static readonly MessageCreateParams Hello = new()
    {
        Model = "claude-sonnet-4-5",
        MaxTokens = 256,
        Messages = [new UserMessageParam("Hello, how are you today?")],
    };

    private static Task<FakeRun> StartAsync(params FaultSpec[] faults) =>
        FakeRun.StartAsync(TestScenarios.Create(
            [TestScenarios.Phase("only", TimeSpan.FromHours(1), faults)],
            providers: [TestScenarios.ProviderOf("anthropic", TestScenarios.Provider)]));

    [Fact]
    public async Task A_reset_is_an_io_error_for_the_client_and_no_answer_in_the_journal()
    {
        await using var run = await StartAsync(TestScenarios.Fault("reset"));

        var error = await Assert.ThrowsAnyAsync<HttpRequestException>(() => run.PostMessagesAsync(FakeRun.HelloBody));

        Assert.NotNull(error);
        var call = await JournalWait.SingleCallAsync(run);
        Assert.Equal(CallRecord.NoAnswer, call.Status);
    }

    [Fact]
    public async Task A_hang_holds_the_call_until_the_client_gives_up()
    {
        await using var run = await StartAsync(TestScenarios.Fault("hang"));
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.Http.SendAsync(Request(), giveUp.Token));

        Assert.Equal(CallRecord.NoAnswer, (await JournalWait.SingleCallAsync(run)).Status);
    }

    [Fact]
    public async Task A_clean_cut_ends_the_stream_without_message_stop()
    {
        await using var run = await StartAsync(TestScenarios.Fault("stream_cut", 1.0, null, ("after_tokens", "3")));

        var body = await StreamBodyAsync(run);

        Assert.Contains("content_block_delta", body);
        Assert.DoesNotContain("message_stop", body);
    }

    [Fact]
    public async Task An_error_cut_sends_anthropics_overloaded_event_which_the_sdk_raises()
    {
        await using var run = await StartAsync(TestScenarios.Fault("stream_cut", 1.0, null, ("after_tokens", "2"), ("mode", "error")));

        var body = await StreamBodyAsync(run);
        Assert.Contains("event: error", body);
        Assert.Contains("overloaded_error", body);

        var client = run.Client();
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await foreach (var _ in client.Messages.CreateStreaming(Hello)) { }
        });
        Assert.IsAssignableFrom<AnthropicException>(error);
    }

    [Fact]
    public async Task A_reset_cut_tears_the_stream()
    {
        await using var run = await StartAsync(TestScenarios.Fault("stream_cut", 1.0, null, ("after_tokens", "2"), ("mode", "reset")));

        await Assert.ThrowsAnyAsync<Exception>(() => StreamBodyAsync(run));
    }

    [Fact]
    public async Task A_stall_pauses_the_stream_then_it_completes()
    {
        await using var run = await StartAsync(TestScenarios.Fault("stream_stall", 1.0, null, ("after_tokens", "2"), ("stall", "300ms")));

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var body = await StreamBodyAsync(run);

        Assert.Contains("message_stop", body);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(280), $"took {watch.Elapsed.TotalMilliseconds} ms");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_stall_forever_holds_the_stream_open_until_the_client_gives_up()
    {
        await using var run = await StartAsync(TestScenarios.Fault("stream_stall", 1.0, null, ("after_tokens", "2"), ("stall", "forever")));
        using var response = await run.Http.SendAsync(Request(stream: true), HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var received = new System.Text.StringBuilder();
        var buffer = new byte[4096];
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        // The first tokens arrive, then nothing, until the client's own deadline ends the read.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, giveUp.Token)) > 0) received.Append(System.Text.Encoding.UTF8.GetString(buffer, 0, read));
        });
        Assert.Contains("content_block_delta", received.ToString());
        Assert.DoesNotContain("message_stop", received.ToString());
        response.Dispose();
        Assert.Equal(CallRecord.NoAnswer, (await JournalWait.SingleCallAsync(run)).Status);
    }

    [Fact]
    public async Task Stream_faults_leave_plain_calls_alone()
    {
        await using var run = await StartAsync(TestScenarios.Fault("stream_cut", 1.0, null, ("after_tokens", "0"), ("mode", "reset")));

        using var response = await run.PostMessagesAsync(FakeRun.HelloBody);

        Assert.Equal(200, (int)response.StatusCode);
    }

    private static HttpRequestMessage Request(bool stream = false)
    {
        var body = stream ? FakeRun.HelloBody.Replace("{\"model\"", "{\"stream\":true,\"model\"", StringComparison.Ordinal) : FakeRun.HelloBody;
        var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", FakeRun.ApiKey);
        request.Headers.Add("anthropic-version", "2023-06-01");
        return request;
    }

    private static async Task<string> StreamBodyAsync(FakeRun run)
    {
        using var response = await run.Http.SendAsync(Request(stream: true), HttpCompletionOption.ResponseHeadersRead);
        return await response.Content.ReadAsStringAsync();
    }
}
