using System.Collections.Concurrent;
using System.Diagnostics;
using Anthropic.Exceptions;

namespace ChaosKit.Testing.Tests;

public sealed class TelemetryTests
{
    [Fact]
    public async Task A_test_that_listens_to_the_fakes_source_sees_each_provider_call_in_the_apps_trace()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ChaosFakes.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var fakes = await ChaosFakes.StartAsync(Clients.Claude(ChaosFault.Overloaded().On("claude")));
        var claude = Clients.Anthropic(fakes);

        ActivityTraceId traceId;
        using (var request = new Activity("ask").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            traceId = request.TraceId;
            await Assert.ThrowsAsync<AnthropicOverloadedException>(() => claude.Messages.Create(Clients.Hello));
        }
        Assert.Single(fakes.Journal.For(traceId).Attempts); // waits until the call is recorded; its span ends right after

        Activity? span = null;
        for (var i = 0; i < 500 && span is null; i++)
        {
            span = spans.FirstOrDefault(s => s.TraceId == traceId);
            if (span is null) await Task.Delay(20);
        }
        Assert.NotNull(span);
        Assert.Equal(ActivityKind.Server, span.Kind);
        Assert.Equal("POST /v1/messages", span.DisplayName);
        Assert.Equal(529, span.GetTagItem("http.response.status_code"));
        Assert.Equal("overloaded", span.GetTagItem("chaoskit.fault"));
        Assert.Equal("only", span.GetTagItem("chaoskit.phase"));
    }
}
