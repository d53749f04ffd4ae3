using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using ChaosKit.Fakes.Hosting;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// The faults one provider meets in each phase, and the wrapper that rolls the dice for them: the only place that
/// reads <see cref="FaultSpec.Rate"/>. Faults run in the order the phase declares them, then any live faults;
/// every delay runs, and the first answer chosen (an error, or a body a fault writes itself) is the answer (so
/// "latency then error" and "error then latency" both delay, then fail).
/// </summary>
internal sealed class FaultPipeline
{
    // Live faults roll on their own dice, apart from any phase's: phase index -1, fault index from their id.
    private const int LivePhaseIndex = -1;

    private readonly int _seed;
    private readonly string _provider;
    private readonly IProviderDefinition _definition;
    private readonly RunClock _clock;
    private readonly RunTimeline _timeline;
    private readonly PlannedFault[][] _byPhase;
    private readonly LiveFaults? _live;

    private FaultPipeline(int seed, ProviderSpec provider, IProviderDefinition definition, RunClock clock, PlannedFault[][] byPhase, LiveFaults? live)
    {
        _seed = seed;
        _provider = provider.Name;
        _definition = definition;
        _clock = clock;
        _timeline = clock.Timeline;
        _byPhase = byPhase;
        _live = live;
    }

    /// <summary>Builds every fault that targets <paramref name="provider"/>, phase by phase.</summary>
    /// <param name="seed">The scenario seed.</param>
    /// <param name="provider">The provider whose calls this pipeline sees.</param>
    /// <param name="definition">What failures look like on its wire.</param>
    /// <param name="clock">The run clock: its timeline, and the time within a phase that ramps and flaps follow.</param>
    /// <param name="catalog">Builds each fault.</param>
    /// <param name="live">Faults switched on by hand while running; <see langword="null"/> when there are none.</param>
    /// <exception cref="ScenarioException">A fault is not valid.</exception>
    public static FaultPipeline Build(int seed, ProviderSpec provider, IProviderDefinition definition, RunClock clock, FaultCatalog catalog, LiveFaults? live = null)
    {
        var timeline = clock.Timeline;
        var byPhase = new PlannedFault[timeline.Phases.Count][];
        foreach (var phase in timeline.Phases)
        {
            var planned = new List<PlannedFault>();
            var faults = phase.Spec.Faults;
            for (var i = 0; i < faults.Count; i++)
            {
                var spec = faults[i];
                var fault = catalog.Create(spec); // builds (and so validates) even faults aimed at other providers
                // Connection faults act in the listener, before any request (see Hosting/ConnectionFaultPlan).
                if (fault is IConnectionFault) continue;
                if (Targets(spec, provider.Name)) planned.Add(new PlannedFault(i, spec, fault));
            }
            byPhase[phase.Index] = [.. planned];
        }
        return new FaultPipeline(seed, provider, definition, clock, byPhase, live);
    }

    /// <summary>
    /// Whether a call arriving in <paramref name="phase"/> can meet a fault at all (the phase has faults for this
    /// provider, or some are switched on live). Lets the hosting layer skip per-call bookkeeping that only faults need.
    /// </summary>
    public bool MayFault(TimelinePhase? phase) =>
        (phase is not null && _byPhase[phase.Index].Length > 0) || (_live?.Snapshot.Count ?? 0) > 0;

    /// <summary>
    /// Rolls for each fault of the call's phase (and each live fault) and applies those that hit. Returns the error
    /// to answer with, <see cref="ErrorReply.Answered"/> when a fault has written the response itself, or
    /// <see langword="null"/> for the normal answer. Records the applied kinds on <paramref name="exchange"/>.
    /// </summary>
    public async ValueTask<ErrorReply?> ApplyAsync(FakeExchange exchange, CancellationToken ct)
    {
        var phase = exchange.Phase;
        var faults = phase is null ? [] : _byPhase[phase.Index];
        var live = _live?.Snapshot ?? [];
        if (faults.Length == 0 && live.Count == 0) return null;

        var key = exchange.RequestKey;
        var context = new FaultContext(exchange, phase, _timeline, _definition);
        FaultOutcome chosen = default;
        foreach (var planned in faults)
        {
            if (!planned.Spec.Matches(exchange.Route, exchange.Model)) continue;
            var roll = FaultDice.Roll(_seed, _provider, phase!.Index, planned.Index, key);
            if (!FaultDice.Hits(RateOf(planned.Spec, exchange, phase), roll)) continue;
            chosen = await ApplyOneAsync(planned.Spec, planned.Fault, context, chosen, ct);
        }
        foreach (var fault in live)
        {
            if (!Targets(fault.Spec, _provider) || !fault.Spec.Matches(exchange.Route, exchange.Model)) continue;
            if (fault.Fault is IConnectionFault) continue; // the listener applies it (see Hosting/ConnectionFaultPlan)
            var roll = FaultDice.Roll(_seed, _provider, LivePhaseIndex, fault.Id, key);
            if (!FaultDice.Hits(fault.Spec.Rate, roll)) continue;
            chosen = await ApplyOneAsync(fault.Spec, fault.Fault, context, chosen, ct);
        }
        if (chosen.Answer is not { } answer) return chosen.Reply;
        // Written only now, so that every delay chosen alongside it has run first.
        await answer(context, ct);
        return ErrorReply.Answered;
    }

    /// <summary>The fault's rate at the call's arrival: its ramp and flap follow the time since the phase began.</summary>
    private double RateOf(FaultSpec spec, FakeExchange exchange, TimelinePhase phase)
    {
        if (spec.Timing.IsSteady) return spec.Rate;
        // Back to the scenario's own (unscaled) time, in which ramp and flap durations are written.
        var sinceStart = _timeline.ToScenarioTime(_clock.OffsetOf(exchange.ArrivedAt) - phase.Start);
        return spec.Timing.RateAt(spec.Rate, sinceStart, phase.Spec.Duration);
    }

    private static async ValueTask<FaultOutcome> ApplyOneAsync(
        FaultSpec spec, IFault fault, FaultContext context, FaultOutcome chosen, CancellationToken ct)
    {
        var outcome = await fault.ApplyAsync(context, ct);
        if (outcome.Decides && chosen.Decides) return chosen; // a second answer changes nothing
        context.Exchange.NoteFault(spec.Kind);
        return chosen.Decides ? chosen : outcome;
    }

    private static bool Targets(FaultSpec spec, string provider) =>
        spec.Provider is null || string.Equals(spec.Provider, provider, StringComparison.Ordinal);

    private sealed record PlannedFault(int Index, FaultSpec Spec, IFault Fault);
}
