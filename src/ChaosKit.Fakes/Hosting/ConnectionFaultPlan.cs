using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Journal;

namespace ChaosKit.Fakes.Hosting;

/// <summary>
/// The connection faults (<see cref="IConnectionFault"/>) one provider meets, phase by phase: whether its port is
/// closed now, and which fault, if any, a newly accepted connection gets. Only built when the scenario has such a
/// fault for the provider, so fakes without one keep Kestrel's listener untouched.
/// </summary>
internal sealed class ConnectionFaultPlan
{
    /// <summary>The journal's route for a connection that never carried a request.</summary>
    public const string ConnectionRoute = "(connection)";

    private readonly int _seed;
    private readonly string _provider;
    private readonly RunClock _clock;
    private readonly Planned[][] _byPhase;
    private readonly CallJournal _journal;
    private readonly LiveFaults? _live;
    private long _connections;

    // Live faults roll on their own dice, as in the request pipeline: phase index -1, fault index from their id.
    private const int LivePhaseIndex = -1;

    private ConnectionFaultPlan(int seed, string provider, RunClock clock, Planned[][] byPhase, CallJournal journal, LiveFaults? live)
    {
        _seed = seed;
        _provider = provider;
        _clock = clock;
        _byPhase = byPhase;
        _journal = journal;
        _live = live;
        MayClosePort = live is not null || byPhase.Any(faults => faults.Any(p => p.Fault.ClosesPort));
    }

    /// <summary>
    /// True when the port may have to close (a phase has <c>connection_refused</c>, or one may be switched on live),
    /// so the listener must watch the clock.
    /// </summary>
    public bool MayClosePort { get; }

    /// <summary>The run's time source.</summary>
    public TimeProvider Time => _clock.TimeProvider;

    /// <summary>
    /// The plan for <paramref name="provider"/>, or <see langword="null"/> when no phase has a connection fault for it
    /// and none can be switched on live (<paramref name="live"/> is <see langword="null"/>).
    /// </summary>
    /// <exception cref="ScenarioException">A fault is not valid.</exception>
    public static ConnectionFaultPlan? Build(
        int seed, ProviderSpec provider, RunClock clock, FaultCatalog catalog, CallJournal journal, LiveFaults? live = null)
    {
        var phases = clock.Timeline.Phases;
        var byPhase = new Planned[phases.Count][];
        var any = false;
        foreach (var phase in phases)
        {
            var planned = new List<Planned>();
            var faults = phase.Spec.Faults;
            for (var i = 0; i < faults.Count; i++)
            {
                var spec = faults[i];
                if (spec.Provider is { } target && !string.Equals(target, provider.Name, StringComparison.Ordinal)) continue;
                if (catalog.Create(spec) is IConnectionFault fault) planned.Add(new Planned(i, spec, fault));
            }
            byPhase[phase.Index] = [.. planned];
            any |= planned.Count > 0;
        }
        return any || live is not null ? new ConnectionFaultPlan(seed, provider.Name, clock, byPhase, journal, live) : null;
    }

    /// <summary>True while a <c>connection_refused</c> is on: nothing may listen on the port.</summary>
    public bool PortClosedNow() => ActiveNow(closesPort: true);

    /// <summary>
    /// True while a per-connection fault is on: answers then close their connection, so each call opens a new one and
    /// meets the dice instead of riding a kept-alive connection past the fault.
    /// </summary>
    public bool ClosesAfterAnswerNow() => ActiveNow(closesPort: false);

    /// <summary>Rolls for the faults on now and returns the one a newly accepted connection gets, if any.</summary>
    public PickedConnectionFault? PickForNewConnection()
    {
        var number = Interlocked.Increment(ref _connections);
        var phase = _clock.CurrentPhase;
        var key = "connection-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var planned in phase is null ? [] : _byPhase[phase.Index])
        {
            if (planned.Fault.ClosesPort) continue;
            var roll = FaultDice.Roll(_seed, _provider, phase!.Index, planned.Index, key);
            if (FaultDice.Hits(RateNow(planned.Spec, phase), roll)) return Picked(planned.Spec.Kind, planned.Fault, phase);
        }
        foreach (var live in LiveNow())
        {
            if (live.Fault.ClosesPort) continue;
            var roll = FaultDice.Roll(_seed, _provider, LivePhaseIndex, live.Id, key);
            if (FaultDice.Hits(live.Spec.Rate, roll)) return Picked(live.Spec.Kind, live.Fault, phase);
        }
        return null;
    }

    private PickedConnectionFault Picked(string kind, IConnectionFault fault, TimelinePhase? phase) =>
        new(kind, fault, phase, _clock.Elapsed, Time.GetTimestamp());

    /// <summary>The live connection faults aimed at this provider (same dice space as the request pipeline's live faults).</summary>
    private IEnumerable<(int Id, FaultSpec Spec, IConnectionFault Fault)> LiveNow()
    {
        if (_live is null) yield break;
        foreach (var live in _live.Snapshot)
        {
            if (live.Fault is IConnectionFault fault && (live.Spec.Provider is null || live.Spec.Provider == _provider))
                yield return (live.Id, live.Spec, fault);
        }
    }

    /// <summary>Journals a connection a fault took (status 0: it never carried a request).</summary>
    public void RecordConnection(PickedConnectionFault picked) =>
        Record(picked.Kind, picked.Phase, picked.Arrival, Time.GetElapsedTime(picked.Started));

    /// <summary>Journals the port closing for <c>connection_refused</c>; refused connections themselves never reach us.</summary>
    public void RecordPortClosed() =>
        Record(ConnectionRefusedFault.Kind, _clock.CurrentPhase, _clock.Elapsed, TimeSpan.Zero);

    private void Record(string kind, TimelinePhase? phase, TimeSpan arrival, TimeSpan duration) =>
        _journal.Record(new CallRecord(_provider, ConnectionRoute, CallRecord.NoRequest, kind, phase?.Index, null, null, arrival, duration));

    private bool ActiveNow(bool closesPort)
    {
        if (_clock.CurrentPhase is { } phase)
        {
            foreach (var planned in _byPhase[phase.Index])
            {
                if (planned.Fault.ClosesPort == closesPort && RateNow(planned.Spec, phase) > 0) return true;
            }
        }
        foreach (var live in LiveNow())
        {
            if (live.Fault.ClosesPort == closesPort && live.Spec.Rate > 0) return true;
        }
        return false;
    }

    /// <summary>The fault's rate now; ramps and flaps follow the scenario's own (unscaled) time since the phase began.</summary>
    private double RateNow(FaultSpec spec, TimelinePhase phase)
    {
        if (spec.Timing.IsSteady) return spec.Rate;
        var sinceStart = _clock.Timeline.ToScenarioTime(_clock.Elapsed - phase.Start);
        return spec.Timing.RateAt(spec.Rate, sinceStart, phase.Spec.Duration);
    }

    private sealed record Planned(int Index, FaultSpec Spec, IConnectionFault Fault);
}

/// <summary>A connection fault the dice gave a newly accepted connection.</summary>
/// <param name="Kind">The fault kind, for the journal.</param>
/// <param name="Fault">The fault.</param>
/// <param name="Phase">The phase at accept; <see langword="null"/> for a live fault outside the timeline.</param>
/// <param name="Arrival">Run time at accept.</param>
/// <param name="Started">Timestamp at accept, for the time the fault held the connection.</param>
internal sealed record PickedConnectionFault(string Kind, IConnectionFault Fault, TimelinePhase? Phase, TimeSpan Arrival, long Started);
