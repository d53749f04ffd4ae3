using System.Diagnostics;
using ChaosKit.Fakes.Tests.Support;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ChaosKit.Fakes.Tests.Hosting;

/// <summary>
/// The fakes' spans and metrics, read back through the OpenTelemetry SDK wired as a team would wire it (AddSource and
/// AddMeter of the published names) with its in-memory exporter. Listeners are process-wide and other tests call
/// fakes at the same time, so each test picks out its own calls by a phase name no other test uses and a fresh trace id.
/// </summary>
public sealed class FakesTelemetryTests : IDisposable
{
    private const string SentParentSpanId = "00f067aa0ba902b7"; // the parent id FakeRun.PostMessagesAsync sends

    private readonly Exported<Activity> _spans = new();
    private readonly Exported<MetricSnapshot> _metrics = new();
    private readonly TracerProvider _tracing;
    private readonly MeterProvider _meters;

    public FakesTelemetryTests()
    {
        _tracing = Sdk.CreateTracerProviderBuilder().AddSource(FakesTelemetry.ActivitySourceName).AddInMemoryExporter(_spans).Build();
        _meters = Sdk.CreateMeterProviderBuilder().AddMeter(FakesTelemetry.MeterName).AddInMemoryExporter(_metrics).Build();
    }

    public void Dispose()
    {
        _tracing.Dispose();
        _meters.Dispose();
    }

    [Fact]
    public async Task A_faulted_call_is_a_server_span_in_the_callers_trace_and_is_counted_by_status_fault_and_phase()
    {
        const string phase = "telemetry_outage";
        await using var run = await FakeRun.StartAsync(TestScenarios.Create(
            [TestScenarios.Phase(phase, TimeSpan.FromHours(1), TestScenarios.Latency("50ms"), TestScenarios.Error(529))]));
        var traceId = ActivityTraceId.CreateRandom().ToHexString();

        using var response = await run.PostMessagesAsync(FakeRun.HelloBody, traceId);

        Assert.Equal(529, (int)response.StatusCode);
        var span = await SpanOfTraceAsync(traceId);
        Assert.Equal(FakesTelemetry.ActivitySourceName, span.Source.Name);
        Assert.Equal(ActivityKind.Server, span.Kind);
        Assert.Equal(SentParentSpanId, span.ParentSpanId.ToHexString());
        Assert.Equal("POST /v1/messages", span.DisplayName);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(529, span.GetTagItem("http.response.status_code"));
        Assert.Equal("latency+error", span.GetTagItem("chaoskit.fault"));
        Assert.Equal(phase, span.GetTagItem("chaoskit.phase"));
        Assert.Equal(50.0, span.GetTagItem("chaoskit.injected_delay_ms"));
        Assert.Equal("claude", span.GetTagItem("chaoskit.provider"));
        Assert.Equal("anthropic", span.GetTagItem("gen_ai.provider.name"));
        Assert.Equal("/v1/messages", span.GetTagItem("http.route"));
        Assert.Equal("claude-sonnet-4-5", span.GetTagItem("gen_ai.request.model"));

        _meters.ForceFlush();
        var calls = PointsOf( FakesTelemetry.CallsMetric, phase);
        var counted = Assert.Single(calls);
        Assert.Equal(1, counted.Point.GetSumLong());
        Assert.Equal(529, counted.Tags["http.response.status_code"]);
        Assert.Equal("latency+error", counted.Tags["chaoskit.fault"]);
        Assert.Equal("claude", counted.Tags["chaoskit.provider"]);
        var delay = Assert.Single(PointsOf( FakesTelemetry.InjectedDelayMetric, phase));
        Assert.Equal(1, delay.Point.GetHistogramCount());
        Assert.Equal(0.05, delay.Point.GetHistogramSum(), precision: 6);
        Assert.Equal(1, Assert.Single(PointsOf( FakesTelemetry.CallDurationMetric, phase)).Point.GetHistogramCount());
    }

    [Fact]
    public async Task A_call_without_a_fault_says_none_and_a_call_without_a_traceparent_starts_its_own_trace()
    {
        const string phase = "telemetry_calm";
        await using var run = await FakeRun.StartAsync(TestScenarios.Create([TestScenarios.Phase(phase, TimeSpan.FromHours(1))]));

        using var response = await run.PostMessagesAsync(FakeRun.HelloBody);

        Assert.Equal(200, (int)response.StatusCode);
        var span = await SpanAsync(s => Equals(s.GetTagItem("chaoskit.phase"), phase));
        Assert.Equal(default, span.ParentSpanId);
        Assert.Equal(FakesTelemetry.NoFault, span.GetTagItem("chaoskit.fault"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Null(span.GetTagItem("chaoskit.injected_delay_ms"));
        Assert.True(span.GetTagItem("gen_ai.usage.output_tokens") is int tokens && tokens > 0);

        _meters.ForceFlush();
        var counted = Assert.Single(PointsOf( FakesTelemetry.CallsMetric, phase));
        Assert.Equal(FakesTelemetry.NoFault, counted.Tags["chaoskit.fault"]);
        Assert.Equal(200, counted.Tags["http.response.status_code"]);
        Assert.Empty(PointsOf( FakesTelemetry.InjectedDelayMetric, phase));
    }

    private Task<Activity> SpanOfTraceAsync(string traceId) => SpanAsync(s => s.TraceId.ToHexString() == traceId);

    /// <summary>
    /// The span ends just after the journal records the call, which is after the answer went out; waits for it (up
    /// to 10 s, checking every 20 ms), without a timed assertion.
    /// </summary>
    private async Task<Activity> SpanAsync(Func<Activity, bool> match)
    {
        for (var i = 0; i < 500 && _spans.Find(match) is null; i++) await Task.Delay(20);
        return _spans.Find(match) ?? throw new Xunit.Sdk.XunitException("no span of the call was exported");
    }

    /// <summary>The points of the last export of metric <paramref name="name"/> that carry <paramref name="phase"/>.</summary>
    private List<(MetricPoint Point, Dictionary<string, object?> Tags)> PointsOf(string name, string phase)
    {
        var points = new List<(MetricPoint, Dictionary<string, object?>)>();
        foreach (var point in _metrics.Find(m => m.Name == name, last: true)?.MetricPoints ?? [])
        {
            var tags = new Dictionary<string, object?>();
            foreach (var tag in point.Tags) tags[tag.Key] = tag.Value;
            if (Equals(tags.GetValueOrDefault("chaoskit.phase"), phase)) points.Add((point, tags));
        }
        return points;
    }

    /// <summary>What the in-memory exporter hands over, on the exporting thread; read under the same lock.</summary>
    private sealed class Exported<T> : System.Collections.ObjectModel.Collection<T>
    {
        private readonly Lock _gate = new();

        public T? Find(Func<T, bool> match, bool last = false)
        {
            lock (_gate) return last ? this.LastOrDefault(match) : this.FirstOrDefault(match);
        }

        protected override void InsertItem(int index, T item)
        {
            lock (_gate) base.InsertItem(index, item);
        }
    }
}
