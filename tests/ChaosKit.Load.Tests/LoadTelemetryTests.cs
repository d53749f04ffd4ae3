using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using ChaosKit.Core.Scenarios;
using ChaosKit.Load.Requests;
using static ChaosKit.Load.Tests.Fixtures;

namespace ChaosKit.Load.Tests;

/// <summary>
/// The load engine's spans and metrics, read with plain <see cref="ActivityListener"/> and <see cref="MeterListener"/>
/// (what an OpenTelemetry SDK subscribes through) while a real run drives the loopback target. Listeners are
/// process-wide, so each test picks out its own requests by a phase name no other test uses.
/// </summary>
[Collection(TargetCollection.Name)]
public sealed class LoadTelemetryTests : IDisposable
{
    private const int Seed = 7;
    private readonly TargetServer _server;
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();
    private readonly ActivityListener _tracing;
    private readonly MeterListener _metrics = new();

    public LoadTelemetryTests(TargetServer server)
    {
        _server = server;
        _tracing = new ActivityListener
        {
            ShouldListenTo = source => source.Name == LoadTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_tracing);
        _metrics.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == LoadTelemetry.MeterName) listener.EnableMeasurementEvents(instrument);
        };
        _metrics.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Note(instrument, value, tags));
        _metrics.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Note(instrument, value, tags));
        _metrics.Start();
    }

    [Fact]
    public async Task Each_request_is_a_client_span_in_its_seeded_trace_whose_id_the_target_receives_as_parent()
    {
        const string phase = "telemetry_ok";
        var echoedBefore = _server.Echoed.Count;
        var request = Get("/echo", method: "POST", json: new Dictionary<string, object?> { ["q"] = "{{lorem.word}}" });
        var runner = new LoadRunner(Spec(10, "/echo", request: request), Seed, _server.BaseUrl, Clock(null, (phase, 0.5)));

        var result = await runner.RunAsync(CancellationToken.None);

        Assert.Equal(5, result.Overall.Outcomes.Ok);
        var spans = SpansOf(phase);
        Assert.Equal(5, spans.Count);
        var received = _server.Echoed.Skip(echoedBefore).Select(e => e.TraceParent).ToHashSet();
        for (var iteration = 0; iteration < 5; iteration++)
        {
            // The trace id stays the seeded one (the fakes' dice and journal key on it); the parent id sent is the span's.
            var planned = IterationRandom.TraceParent(Seed, iteration).Split('-');
            var span = Assert.Single(spans, s => s.TraceId.ToHexString() == planned[1]);
            Assert.Equal(ActivityKind.Client, span.Kind);
            Assert.Equal(planned[2], span.ParentSpanId.ToHexString());
            Assert.Contains($"00-{planned[1]}-{span.SpanId.ToHexString()}-01", received);
            Assert.Equal("POST /echo", span.DisplayName);
            Assert.Equal("ok", span.GetTagItem("chaoskit.outcome"));
            Assert.Equal(200, span.GetTagItem("http.response.status_code"));
            Assert.Equal(LoadSpec.RequestStepName, span.GetTagItem("chaoskit.step"));
            Assert.Equal(ActivityStatusCode.Unset, span.Status);
        }

        Assert.Equal(5, Sum(LoadTelemetry.RequestsMetric, phase, "ok"));
        Assert.Equal(5, Count(LoadTelemetry.RequestDurationMetric, phase, "ok"));
    }

    [Fact]
    public async Task A_failed_request_is_an_error_span_and_counted_under_its_outcome()
    {
        const string phase = "telemetry_failing";
        var runner = new LoadRunner(Spec(10, "/status/503"), Seed, _server.BaseUrl, Clock(null, (phase, 0.5)));

        var result = await runner.RunAsync(CancellationToken.None);

        Assert.Equal(5, result.Overall.Outcomes.Failed);
        var spans = SpansOf(phase);
        Assert.Equal(5, spans.Count);
        Assert.All(spans, s =>
        {
            Assert.Equal("failed", s.GetTagItem("chaoskit.outcome"));
            Assert.Equal(503, s.GetTagItem("http.response.status_code"));
            Assert.Equal(ActivityStatusCode.Error, s.Status);
        });
        Assert.Equal(5, Sum(LoadTelemetry.RequestsMetric, phase, "failed"));
        Assert.Equal(0, Sum(LoadTelemetry.RequestsMetric, phase, "ok"));
    }

    public void Dispose()
    {
        _tracing.Dispose();
        _metrics.Dispose();
    }

    private void Note(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copied = new Dictionary<string, object?>();
        foreach (var (key, tag) in tags) copied[key] = tag;
        _measurements.Enqueue((instrument.Name, value, copied));
    }

    private List<Activity> SpansOf(string phase) => [.. _spans.Where(s => Equals(s.GetTagItem("chaoskit.phase"), phase))];

    private IEnumerable<double> ValuesOf(string instrument, string phase, string outcome) =>
        _measurements.Where(m => m.Instrument == instrument && Equals(m.Tags.GetValueOrDefault("chaoskit.phase"), phase)
            && Equals(m.Tags.GetValueOrDefault("chaoskit.outcome"), outcome)).Select(m => m.Value);

    private double Sum(string instrument, string phase, string outcome) => ValuesOf(instrument, phase, outcome).Sum();

    private int Count(string instrument, string phase, string outcome) => ValuesOf(instrument, phase, outcome).Count();
}
