using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;

namespace ChaosKit.Fakes.StatusPages;

/// <summary>What a status page says at one moment: its indicator, the component's status, and the open incident.</summary>
/// <param name="Indicator"><c>none</c>, <c>minor</c> or <c>major</c>.</param>
/// <param name="Description">The page's headline, e.g. <c>All Systems Operational</c>.</param>
/// <param name="ComponentStatus"><c>operational</c>, <c>degraded_performance</c>, <c>partial_outage</c> or <c>major_outage</c>.</param>
/// <param name="Incident">The phase whose faults the open incident reports, or <see langword="null"/>.</param>
/// <param name="IncidentStart">Wall-clock time the incident was opened (its phase start plus the lag).</param>
internal sealed record StatusPageState(string Indicator, string Description, string ComponentStatus, TimelinePhase? Incident, DateTimeOffset IncidentStart)
{
    /// <summary>All is well.</summary>
    public static StatusPageState Operational { get; } = new("none", "All Systems Operational", "operational", null, default);

    /// <summary>
    /// The page of <paramref name="provider"/> at the clock's time: the phase <c>lag</c> behind now decides. Errors
    /// or dropped connections on half the calls or more are a major outage, fewer a partial one; only slowness is
    /// degraded performance. A spent <c>quota</c> is the caller's own limit, which no provider reports on its page.
    /// </summary>
    public static StatusPageState At(RunClock clock, string provider, StatusPageOptions options)
    {
        if (options.AlwaysOperational || !clock.IsStarted) return Operational;
        var lag = clock.Timeline.Scale(options.Lag);
        if (clock.Timeline.PhaseAt(clock.Elapsed - lag) is not { } phase) return Operational;

        var faults = phase.Spec.Faults.Where(f => (f.Provider is null || f.Provider == provider) && f.Kind != Faults.QuotaFault.Kind).ToArray();
        if (faults.Length == 0) return Operational;
        var failing = faults.Where(IsFailure).Select(f => Math.Max(f.Rate, f.Timing.RampFrom ?? 0)).DefaultIfEmpty(0).Max();
        var (indicator, description, component) = failing switch
        {
            >= 0.5 => ("major", "Major Service Outage", "major_outage"),
            > 0 => ("minor", "Partial System Outage", "partial_outage"),
            _ => ("minor", "Minor Service Outage", "degraded_performance"),
        };
        return new StatusPageState(indicator, description, component, phase, clock.StartedAt + phase.Start + lag);
    }

    private static bool IsFailure(FaultSpec fault) => fault.Kind is not ("latency" or "stream_slow" or "stream_stall");
}
