using System.Diagnostics;
using System.Diagnostics.Metrics;
using ChaosKit.Core.Telemetry;
using ChaosKit.Core.Timeline;
using ChaosKit.Load.Execution;
using ChaosKit.Load.Measurement;
using ChaosKit.Load.Requests;
using ChaosKit.Load.Workflows;

namespace ChaosKit.Load;

/// <summary>
/// The traces and metrics the load engine emits through <see cref="System.Diagnostics"/>: one client span per request
/// it sends, in the trace its <c>traceparent</c> names, and counts and durations of requests by outcome and phase.
/// Nothing is emitted unless a listener (an OpenTelemetry SDK with <c>AddSource</c> / <c>AddMeter</c> of
/// <see cref="ActivitySourceName"/> / <see cref="MeterName"/>) asks for it; without one each request pays one check.
/// </summary>
/// <remarks>Attribute names follow OpenTelemetry's semantic conventions where one exists (docs/telemetry.md).</remarks>
public static class LoadTelemetry
{
    /// <summary>The name of the <see cref="ActivitySource"/> of the load engine's spans, for a tracer provider's <c>AddSource</c>.</summary>
    public const string ActivitySourceName = "ChaosKit.Load";

    /// <summary>The name of the <see cref="Meter"/> of the load engine's metrics, for a meter provider's <c>AddMeter</c>.</summary>
    public const string MeterName = "ChaosKit.Load";

    /// <summary>The counter of requests the load engine sent (or failed to render), by outcome, phase, workflow and step.</summary>
    public const string RequestsMetric = "chaoskit.requests";

    /// <summary>The histogram of request durations (send to the end of the body), in seconds, by outcome, phase, workflow and step.</summary>
    public const string RequestDurationMetric = "chaoskit.request.duration";

    private static readonly ActivitySource Source = new(ActivitySourceName, TelemetryInstruments.VersionOf(typeof(LoadTelemetry).Assembly));

    private static readonly Meter Meter = new(MeterName, TelemetryInstruments.VersionOf(typeof(LoadTelemetry).Assembly));

    private static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        RequestsMetric, "{request}", "Requests the load engine sent through the app under test, by outcome.");

    private static readonly Histogram<double> RequestDuration =
        Meter.CreateSecondsHistogram(RequestDurationMetric, "Time from sending a request to the end of its answer's body.");

    /// <summary>
    /// Starts the span of a request about to be sent, in the trace of the <c>traceparent</c> the load engine gave it
    /// (the iteration's seeded trace id, which the fakes' journal joins calls on), and makes the request carry the
    /// span's own id as its parent, so the app's span of it is a child of this one. <see langword="null"/> (and the
    /// request untouched) when no one listens.
    /// </summary>
    internal static Activity? StartRequest(HttpRequestMessage request) => Source.HasListeners() ? StartListenedRequest(request) : null;

    private static Activity? StartListenedRequest(HttpRequestMessage request)
    {
        var headers = request.Headers;
        var planned = headers.NonValidated.TryGetValues(RequestRenderer.TraceParentHeader, out var values) ? values.ToString() : null;
        ActivityContext.TryParse(planned, null, isRemote: true, out var parent);
        var span = Source.StartActivity(ActivityKind.Client, parent, name: request.Method.Method);
        if (span is null) return null;
        headers.Remove(RequestRenderer.TraceParentHeader);
        headers.TryAddWithoutValidation(RequestRenderer.TraceParentHeader, span.Id);
        if (span.IsAllDataRequested)
        {
            span.SetTag("http.request.method", request.Method.Method);
            span.SetTag("url.full", request.RequestUri?.ToString());
        }
        return span;
    }

    /// <summary>
    /// Ends the request's span and counts the request, once the workflow has judged it. Costs one check per request
    /// when no one listens.
    /// </summary>
    /// <param name="result">What the exchange measured, with the span <see cref="StartRequest"/> began.</param>
    /// <param name="sample">The step's sample, with its outcome.</param>
    /// <param name="step">The step, for its names.</param>
    /// <param name="workflow">The workflow's name.</param>
    /// <param name="timeline">The run's phases: a request belongs to the phase of its iteration's scheduled start, as in the results.</param>
    internal static void Finish(in ExchangeResult result, in StepSample sample, CompiledStep step, string workflow, RunTimeline timeline)
    {
        if (result.Span is not null || Requests.Enabled || RequestDuration.Enabled) FinishListened(result, sample, step, workflow, timeline);
    }

    private static void FinishListened(in ExchangeResult result, in StepSample sample, CompiledStep step, string workflow, RunTimeline timeline)
    {
        var phase = timeline.PhaseAt(sample.IterationScheduled)?.Name;
        var outcome = NameOf(sample.Outcome);
        if (result.Span is { } span)
        {
            if (span.IsAllDataRequested)
            {
                span.DisplayName = step.SpanName;
                span.SetTag("chaoskit.outcome", outcome);
                span.SetTag("chaoskit.workflow", workflow);
                span.SetTag("chaoskit.step", step.Spec.Name);
                if (phase is not null) span.SetTag("chaoskit.phase", phase);
                if (sample.StatusCode > 0) span.SetTag("http.response.status_code", sample.StatusCode);
                if (sample.Outcome is not (StepOutcome.Ok or StepOutcome.Fallback)) span.SetStatus(ActivityStatusCode.Error, sample.Failure);
            }
            span.Dispose();
        }

        var tags = new TagList
        {
            { "chaoskit.outcome", outcome },
            { "chaoskit.workflow", workflow },
            { "chaoskit.step", step.Spec.Name },
        };
        if (phase is not null) tags.Add("chaoskit.phase", phase);
        Requests.Add(1, tags);
        // A request that failed to render was never sent: it counts, but has no duration.
        if (result.End != ExchangeEnd.NotRendered) RequestDuration.Record((sample.Ended - sample.Sent).TotalSeconds, tags);
    }

    /// <summary>Ends the span of a request the run's cancellation cut short; such a request is not counted, as in the results.</summary>
    internal static void Abandon(Activity? span)
    {
        if (span is null) return;
        if (span.IsAllDataRequested) span.SetTag("chaoskit.outcome", "abandoned");
        span.Dispose();
    }

    private static string NameOf(StepOutcome outcome) => outcome switch
    {
        StepOutcome.Ok => "ok",
        StepOutcome.Fallback => "fallback",
        StepOutcome.Failed => "failed",
        StepOutcome.Timeout => "timeout",
        StepOutcome.Error => "error",
        _ => "skipped",
    };
}
