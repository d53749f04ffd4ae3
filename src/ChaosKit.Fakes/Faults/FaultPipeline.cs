using ChaosKit.Core.Scenarios;
using ChaosKit.Fakes.Hosting;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// The request faults one provider meets, read from the run's <see cref="FaultSchedule"/>, which decides whether each
/// hits a call. Faults run in the order the phase declares them, then any live faults; every delay runs, and the first
/// answer chosen (an error, or a body a fault writes itself) is the answer (so "latency then error" and "error then
/// latency" both delay, then fail).
/// </summary>
internal sealed class FaultPipeline
{
    private readonly FaultSchedule _schedule;
    private readonly string _provider;
    private readonly IProviderDefinition _definition;
    private readonly ScheduledFault[][] _byPhase;

    /// <summary>The request faults of <paramref name="schedule"/> that aim at <paramref name="provider"/>, whose wire <paramref name="definition"/> describes.</summary>
    public FaultPipeline(FaultSchedule schedule, ProviderSpec provider, IProviderDefinition definition)
    {
        _schedule = schedule;
        _provider = provider.Name;
        _definition = definition;
        _byPhase = schedule.AimedAt(provider.Name, connection: false);
    }

    /// <summary>
    /// Whether a call arriving in <paramref name="phase"/> can meet a fault at all (the phase has faults for this
    /// provider, or some are switched on live). Lets the hosting layer skip per-call bookkeeping that only faults need.
    /// </summary>
    public bool MayFault(Core.Timeline.TimelinePhase? phase) =>
        (phase is not null && _byPhase[phase.Index].Length > 0) || _schedule.Live.Count > 0;

    /// <summary>
    /// Applies the faults that hit the call, and records their kinds on <paramref name="exchange"/>. Returns what
    /// they decided (<see cref="FaultOutcome.Continue"/> for the call's own answer) and the context they saw, which
    /// an answer a fault writes itself needs.
    /// </summary>
    public async ValueTask<(FaultOutcome Outcome, FaultContext? Context)> ApplyAsync(FakeExchange exchange, CancellationToken ct)
    {
        var phase = exchange.Phase;
        var faults = phase is null ? [] : _byPhase[phase.Index];
        var live = _schedule.Live;
        if (faults.Length == 0 && live.Count == 0) return default;

        var key = exchange.RequestKey;
        var offset = _schedule.Clock.OffsetOf(exchange.ArrivedAt);
        FaultContext? context = null;
        FaultOutcome chosen = default;
        for (var i = 0; i < faults.Length + live.Count; i++)
        {
            ScheduledFault fault;
            if (i < faults.Length)
            {
                fault = faults[i]; // aimed at this provider, and a request fault (see the constructor)
            }
            else
            {
                fault = live[i - faults.Length];
                // A live fault may aim at another provider; a live connection fault acts in the listener (see Hosting/ConnectionFaultPlan).
                if (fault.Fault is IConnectionFault || !fault.Aims(_provider)) continue;
            }
            if (!fault.Spec.Matches(exchange.Route, exchange.Model)) continue;
            if (!_schedule.Hits(fault, _provider, phase, offset, key)) continue;
            context ??= new FaultContext(exchange, phase, _schedule.Clock.Timeline, _definition);
            var outcome = await fault.Fault.ApplyAsync(context, ct);
            if (outcome.Decides && chosen.Decides) continue; // a second answer changes nothing
            exchange.NoteFault(fault.Spec.Kind);
            if (!chosen.Decides) chosen = outcome;
        }
        return (chosen, context);
    }
}
