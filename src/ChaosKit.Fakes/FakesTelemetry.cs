using System.Diagnostics;
using System.Diagnostics.Metrics;
using ChaosKit.Core.Telemetry;
using ChaosKit.Core.Timeline;
using ChaosKit.Fakes.Journal;
using Microsoft.AspNetCore.Http;

namespace ChaosKit.Fakes;

/// <summary>
/// The traces and metrics the fake providers emit through <see cref="System.Diagnostics"/>: one server span per call,
/// a child of the <c>traceparent</c> the caller sent, and counts and durations of calls by status, fault and phase.
/// Nothing is emitted unless a listener (an OpenTelemetry SDK with <c>AddSource</c> / <c>AddMeter</c> of
/// <see cref="ActivitySourceName"/> / <see cref="MeterName"/>) asks for it; without one each call pays one check.
/// </summary>
/// <remarks>Attribute names follow OpenTelemetry's semantic conventions where one exists (docs/telemetry.md).</remarks>
public static class FakesTelemetry
{
    /// <summary>The name of the <see cref="ActivitySource"/> of the fakes' spans, for a tracer provider's <c>AddSource</c>.</summary>
    public const string ActivitySourceName = "ChaosKit.Fakes";

    /// <summary>The name of the <see cref="Meter"/> of the fakes' metrics, for a meter provider's <c>AddMeter</c>.</summary>
    public const string MeterName = "ChaosKit.Fakes";

    /// <summary>The counter of calls, by provider, status, fault and phase.</summary>
    public const string CallsMetric = "chaoskit.provider.calls";

    /// <summary>The histogram of call durations (arrival to the end of the answer), in seconds.</summary>
    public const string CallDurationMetric = "chaoskit.provider.call.duration";

    /// <summary>The histogram of the delays <c>latency</c> faults injected, in seconds; only delayed calls are recorded.</summary>
    public const string InjectedDelayMetric = "chaoskit.provider.injected_delay";

    /// <summary>The <c>chaoskit.fault</c> value of a call no fault hit.</summary>
    public const string NoFault = "none";

    private static readonly ActivitySource Source = new(ActivitySourceName, TelemetryInstruments.VersionOf(typeof(FakesTelemetry).Assembly));

    private static readonly Meter Meter = new(MeterName, TelemetryInstruments.VersionOf(typeof(FakesTelemetry).Assembly));

    private static readonly Counter<long> Calls = Meter.CreateCounter<long>(CallsMetric, "{call}", "Calls the fake providers received.");

    private static readonly Histogram<double> CallDuration =
        Meter.CreateSecondsHistogram(CallDurationMetric, "Time from a call's arrival at a fake provider to the end of its answer.");

    private static readonly Histogram<double> InjectedDelay =
        Meter.CreateSecondsHistogram(InjectedDelayMetric, "Delays injected into calls by latency faults.");

    /// <summary>
    /// Starts the span of a call that just arrived, as a child of the W3C <c>traceparent</c> it carries (so it joins
    /// the caller's trace), or of the current activity without one; <see langword="null"/> when no one listens.
    /// </summary>
    internal static Activity? StartCall(HttpRequest request) => Source.HasListeners() ? StartListenedCall(request) : null;

    private static Activity? StartListenedCall(HttpRequest request)
    {
        var headers = request.Headers;
        ActivityContext.TryParse(headers.TraceParent.ToString(), headers.TraceState.ToString(), isRemote: true, out var parent);
        // The route is known only once the protocol has read the call; the span is renamed then (EndCall).
        var span = Source.StartActivity(ActivityKind.Server, parent, name: request.Method);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("http.request.method", request.Method);
            span.SetTag("url.path", request.Path.Value);
        }
        return span;
    }

    /// <summary>Ends the span <see cref="StartCall"/> began, with what the journal recorded of the call.</summary>
    internal static void EndCall(Activity span, in CallRecord call, string genAiProvider, TimelinePhase? phase, TimeSpan injectedDelay)
    {
        if (span.IsAllDataRequested)
        {
            var routed = call.Route.IndexOf(' ', StringComparison.Ordinal);
            if (routed > 0)
            {
                span.DisplayName = call.Route;
                span.SetTag("http.route", call.Route[(routed + 1)..]);
            }
            span.SetTag("chaoskit.provider", call.Provider);
            span.SetTag("gen_ai.provider.name", genAiProvider);
            span.SetTag("http.response.status_code", call.Status);
            span.SetTag("chaoskit.fault", call.Fault ?? NoFault);
            if (phase is not null) span.SetTag("chaoskit.phase", phase.Name);
            if (injectedDelay > TimeSpan.Zero) span.SetTag("chaoskit.injected_delay_ms", injectedDelay.TotalMilliseconds);
            if (call.RetryCount > 0) span.SetTag("http.request.resend_count", call.RetryCount);
            if (call.Model is { } model) span.SetTag("gen_ai.request.model", model);
            if (call.InputTokens is { } input) span.SetTag("gen_ai.usage.input_tokens", input);
            if (call.OutputTokens is { } output) span.SetTag("gen_ai.usage.output_tokens", output);
            // As for any HTTP server span: a 5xx is the server's failure, and so is an answer that never finished.
            if (call.Status >= 500 || call.Status == CallRecord.NoAnswer)
                span.SetStatus(ActivityStatusCode.Error, call.Fault is null ? null : $"injected: {call.Fault}");
        }
        span.Dispose();
    }

    /// <summary>Counts a call the journal recorded, under the phase of <paramref name="timeline"/> it arrived in.</summary>
    internal static void CountCall(in CallRecord call, string genAiProvider, IReadOnlyList<TimelinePhase> timeline)
    {
        if (Calls.Enabled || CallDuration.Enabled) CountListenedCall(call, genAiProvider, timeline);
    }

    private static void CountListenedCall(in CallRecord call, string genAiProvider, IReadOnlyList<TimelinePhase> timeline)
    {
        var phase = call.Phase is { } index && (uint)index < (uint)timeline.Count ? timeline[index] : null;
        var tags = new TagList
        {
            { "chaoskit.provider", call.Provider },
            { "gen_ai.provider.name", genAiProvider },
            { "chaoskit.fault", call.Fault ?? NoFault },
        };
        // A connection a connection fault took carried no request, so it has no HTTP status.
        if (call.Status != CallRecord.NoRequest) tags.Add("http.response.status_code", call.Status);
        if (phase is not null) tags.Add("chaoskit.phase", phase.Name);
        Calls.Add(1, tags);
        CallDuration.Record(call.Duration.TotalSeconds, tags);
    }

    /// <summary>Records the delay latency faults injected into a call, when they did.</summary>
    internal static void RecordInjectedDelay(TimeSpan delay, string provider, string genAiProvider, TimelinePhase? phase)
    {
        if (delay > TimeSpan.Zero && InjectedDelay.Enabled) RecordListenedDelay(delay, provider, genAiProvider, phase);
    }

    private static void RecordListenedDelay(TimeSpan delay, string provider, string genAiProvider, TimelinePhase? phase)
    {
        var tags = new TagList
        {
            { "chaoskit.provider", provider },
            { "gen_ai.provider.name", genAiProvider },
        };
        if (phase is not null) tags.Add("chaoskit.phase", phase.Name);
        InjectedDelay.Record(delay.TotalSeconds, tags);
    }
}
