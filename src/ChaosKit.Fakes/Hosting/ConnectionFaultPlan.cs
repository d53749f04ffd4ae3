using ChaosKit.Core.Timeline;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Journal;

namespace ChaosKit.Fakes.Hosting;

/// <summary>
/// The connection faults (<see cref="IConnectionFault"/>) one provider meets, read from the run's
/// <see cref="FaultSchedule"/>: whether its port is closed now, and which fault, if any, a newly accepted connection
/// gets. Only built when the scenario has such a fault for the provider, so fakes without one keep Kestrel's listener
/// untouched.
/// </summary>
internal sealed class ConnectionFaultPlan
{
    /// <summary>The journal's route for a connection that never carried a request.</summary>
    public const string ConnectionRoute = "(connection)";

    private readonly FaultSchedule _schedule;
    private readonly string _provider;
    private readonly ScheduledFault[][] _byPhase;
    private readonly CallJournal _journal;
    private long _connections;

    private ConnectionFaultPlan(FaultSchedule schedule, string provider, ScheduledFault[][] byPhase, CallJournal journal)
    {
        _schedule = schedule;
        _provider = provider;
        _byPhase = byPhase;
        _journal = journal;
        MayClosePort = schedule.HasLive || byPhase.Any(faults => faults.Any(ClosesPort));
    }

    /// <summary>
    /// True when the port may have to close (a phase has <c>connection_refused</c>, or one may be switched on live),
    /// so the listener must watch the clock.
    /// </summary>
    public bool MayClosePort { get; }

    /// <summary>The run's time source.</summary>
    public TimeProvider Time => _schedule.Clock.TimeProvider;

    /// <summary>
    /// The plan for <paramref name="provider"/>, or <see langword="null"/> when no phase of <paramref name="schedule"/>
    /// has a connection fault for it and none can be switched on live.
    /// </summary>
    public static ConnectionFaultPlan? For(FaultSchedule schedule, string provider, CallJournal journal)
    {
        var byPhase = schedule.AimedAt(provider, connection: true);
        return schedule.HasLive || byPhase.Any(faults => faults.Length > 0) ? new ConnectionFaultPlan(schedule, provider, byPhase, journal) : null;
    }

    /// <summary>True while a <c>connection_refused</c> is on: nothing may listen on the port.</summary>
    public bool PortClosedNow() => OnNow(closesPort: true);

    /// <summary>
    /// True while a per-connection fault is on: answers then close their connection, so each call opens a new one and
    /// meets the dice instead of riding a kept-alive connection past the fault.
    /// </summary>
    public bool ClosesAfterAnswerNow() => OnNow(closesPort: false);

    /// <summary>Rolls for the faults on now and returns the one a newly accepted connection gets, if any.</summary>
    public PickedConnectionFault? PickForNewConnection()
    {
        var number = Interlocked.Increment(ref _connections);
        var (now, phase, faults, live) = Now();
        var key = "connection-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < faults.Length + live.Count; i++)
        {
            var fault = i < faults.Length ? faults[i] : live[i - faults.Length];
            if (!IsConnectionFaultFor(fault) || ClosesPort(fault) || !_schedule.Hits(fault, _provider, phase, now, key)) continue;
            return new PickedConnectionFault(fault.Spec.Kind, (IConnectionFault)fault.Fault, phase, now, Time.GetTimestamp());
        }
        return null;
    }

    /// <summary>Journals a connection a fault took (status 0: it never carried a request).</summary>
    public void RecordConnection(PickedConnectionFault picked) =>
        Record(picked.Kind, picked.Phase, picked.Arrival, Time.GetElapsedTime(picked.Started));

    /// <summary>Journals the port closing for <c>connection_refused</c>; refused connections themselves never reach us.</summary>
    public void RecordPortClosed()
    {
        var (now, phase, _, _) = Now();
        Record(ConnectionRefusedFault.Kind, phase, now, TimeSpan.Zero);
    }

    private void Record(string kind, TimelinePhase? phase, TimeSpan arrival, TimeSpan duration) =>
        _journal.Record(new CallRecord(_provider, ConnectionRoute, CallRecord.NoRequest, kind, phase?.Index, null, null, arrival, duration));

    private bool OnNow(bool closesPort)
    {
        var (now, phase, faults, live) = Now();
        for (var i = 0; i < faults.Length + live.Count; i++)
        {
            var fault = i < faults.Length ? faults[i] : live[i - faults.Length];
            if (IsConnectionFaultFor(fault) && ClosesPort(fault) == closesPort && _schedule.RateAt(fault, phase, now) > 0) return true;
        }
        return false;
    }

    // One reading of the clock: the run time, its phase, the phase's connection faults for this provider, the live faults.
    private (TimeSpan Now, TimelinePhase? Phase, ScheduledFault[] Faults, IReadOnlyList<ScheduledFault> Live) Now()
    {
        var clock = _schedule.Clock;
        var now = clock.Elapsed;
        var phase = clock.IsStarted ? clock.Timeline.PhaseAt(now) : null;
        return (now, phase, phase is null ? [] : _byPhase[phase.Index], _schedule.Live);
    }

    // The phase's faults are this provider's connection faults already; a live fault may be either, for any provider.
    private bool IsConnectionFaultFor(ScheduledFault fault) => fault.Fault is IConnectionFault && fault.Aims(_provider);

    private static bool ClosesPort(ScheduledFault fault) => fault.Fault is IConnectionFault { ClosesPort: true };
}

/// <summary>A connection fault the dice gave a newly accepted connection.</summary>
/// <param name="Kind">The fault kind, for the journal.</param>
/// <param name="Fault">The fault.</param>
/// <param name="Phase">The phase at accept; <see langword="null"/> for a live fault outside the timeline.</param>
/// <param name="Arrival">Run time at accept.</param>
/// <param name="Started">Timestamp at accept, for the time the fault held the connection.</param>
internal sealed record PickedConnectionFault(string Kind, IConnectionFault Fault, TimelinePhase? Phase, TimeSpan Arrival, long Started);
