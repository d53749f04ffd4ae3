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
    private long _connections;

    private ConnectionFaultPlan(int seed, string provider, RunClock clock, Planned[][] byPhase, CallJournal journal)
    {
        _seed = seed;
        _provider = provider;
        _clock = clock;
        _byPhase = byPhase;
        _journal = journal;
        ClosesPort = byPhase.Any(faults => faults.Any(p => p.Fault.ClosesPort));
    }

    /// <summary>True when some phase closes the port (<c>connection_refused</c>), so the listener must watch the clock.</summary>
    public bool ClosesPort { get; }

    /// <summary>The run's time source.</summary>
    public TimeProvider Time => _clock.TimeProvider;

    /// <summary>
    /// The plan for <paramref name="provider"/>, or <see langword="null"/> when no phase has a connection fault for it.
    /// </summary>
    /// <exception cref="ScenarioException">A fault is not valid.</exception>
    public static ConnectionFaultPlan? Build(int seed, ProviderSpec provider, RunClock clock, FaultCatalog catalog, CallJournal journal)
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
        return any ? new ConnectionFaultPlan(seed, provider.Name, clock, byPhase, journal) : null;
    }

    /// <summary>True while a <c>connection_refused</c> is on: nothing may listen on the port.</summary>
    public bool PortClosedNow() => ActiveNow(closesPort: true) is not null;

    /// <summary>
    /// True while a per-connection fault is on: answers then close their connection, so each call opens a new one and
    /// meets the dice instead of riding a kept-alive connection past the fault.
    /// </summary>
    public bool ClosesAfterAnswerNow() => ActiveNow(closesPort: false) is not null;

    /// <summary>Rolls for the faults on now and returns the one a newly accepted connection gets, if any.</summary>
    public PickedConnectionFault? PickForNewConnection()
    {
        var number = Interlocked.Increment(ref _connections);
        if (_clock.CurrentPhase is not { } phase) return null;
        var key = "connection-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var planned in _byPhase[phase.Index])
        {
            if (planned.Fault.ClosesPort) continue;
            var roll = FaultDice.Roll(_seed, _provider, phase.Index, planned.Index, key);
            if (FaultDice.Hits(RateNow(planned.Spec, phase), roll))
                return new PickedConnectionFault(planned.Spec.Kind, planned.Fault, phase, _clock.Elapsed, Time.GetTimestamp());
        }
        return null;
    }

    /// <summary>Journals a connection a fault took (status 0: it never carried a request).</summary>
    public void RecordConnection(PickedConnectionFault picked) =>
        Record(picked.Kind, picked.Phase, picked.Arrival, Time.GetElapsedTime(picked.Started));

    /// <summary>Journals the port closing for <c>connection_refused</c>; refused connections themselves never reach us.</summary>
    public void RecordPortClosed() =>
        Record(ConnectionRefusedFault.Kind, _clock.CurrentPhase, _clock.Elapsed, TimeSpan.Zero);

    private void Record(string kind, TimelinePhase? phase, TimeSpan arrival, TimeSpan duration) =>
        _journal.Record(new CallRecord(_provider, ConnectionRoute, CallRecord.NoRequest, kind, phase?.Index, null, null, arrival, duration));

    private Planned? ActiveNow(bool closesPort)
    {
        if (_clock.CurrentPhase is not { } phase) return null;
        foreach (var planned in _byPhase[phase.Index])
        {
            if (planned.Fault.ClosesPort == closesPort && RateNow(planned.Spec, phase) > 0) return planned;
        }
        return null;
    }

    /// <summary>The fault's rate now; ramps and flaps follow the scenario's own (unscaled) time since the phase began.</summary>
    private double RateNow(FaultSpec spec, TimelinePhase phase)
    {
        if (spec.Timing.IsSteady) return spec.Rate;
        var sinceStart = _clock.Elapsed - phase.Start;
        var unscaled = TimeSpan.FromTicks((long)(sinceStart.Ticks / _clock.Timeline.TimeScale));
        return spec.Timing.RateAt(spec.Rate, unscaled, phase.Spec.Duration);
    }

    private sealed record Planned(int Index, FaultSpec Spec, IConnectionFault Fault);
}

/// <summary>A connection fault the dice gave a newly accepted connection.</summary>
/// <param name="Kind">The fault kind, for the journal.</param>
/// <param name="Fault">The fault.</param>
/// <param name="Phase">The phase at accept.</param>
/// <param name="Arrival">Run time at accept.</param>
/// <param name="Started">Timestamp at accept, for the time the fault held the connection.</param>
internal sealed record PickedConnectionFault(string Kind, IConnectionFault Fault, TimelinePhase Phase, TimeSpan Arrival, long Started);
