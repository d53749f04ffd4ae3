using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using ChaosKit.Fakes.Hosting;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// The faults one provider meets in each phase, and the wrapper that rolls the dice for them: the only place that
/// reads <see cref="FaultSpec.Rate"/>. Faults run in the order the phase declares them; every delay runs, and the
/// first error chosen is the answer (so "latency then error" and "error then latency" both delay, then fail).
/// </summary>
internal sealed class FaultPipeline
{
    private readonly int _seed;
    private readonly string _provider;
    private readonly RunTimeline _timeline;
    private readonly PlannedFault[][] _byPhase;

    private FaultPipeline(int seed, string provider, RunTimeline timeline, PlannedFault[][] byPhase)
    {
        _seed = seed;
        _provider = provider;
        _timeline = timeline;
        _byPhase = byPhase;
    }

    /// <summary>Builds every fault that targets <paramref name="provider"/>, phase by phase.</summary>
    /// <exception cref="ScenarioException">A fault is not valid.</exception>
    public static FaultPipeline Build(int seed, string provider, RunTimeline timeline, FaultCatalog catalog)
    {
        var byPhase = new PlannedFault[timeline.Phases.Count][];
        foreach (var phase in timeline.Phases)
        {
            var planned = new List<PlannedFault>();
            var faults = phase.Spec.Faults;
            for (var i = 0; i < faults.Count; i++)
            {
                var spec = faults[i];
                var fault = catalog.Create(spec); // builds (and so validates) even faults aimed at other providers
                if (spec.Provider is null || string.Equals(spec.Provider, provider, StringComparison.Ordinal))
                    planned.Add(new PlannedFault(i, spec, fault));
            }
            byPhase[phase.Index] = [.. planned];
        }
        return new FaultPipeline(seed, provider, timeline, byPhase);
    }

    /// <summary>
    /// Rolls for each fault of the call's phase and applies those that hit. Returns the error to answer with, or
    /// <see langword="null"/> for the normal answer. Records the applied kinds on <paramref name="exchange"/>.
    /// </summary>
    public async ValueTask<ErrorReply?> ApplyAsync(FakeExchange exchange, CancellationToken ct)
    {
        if (exchange.Phase is not { } phase) return null;
        var faults = _byPhase[phase.Index];
        if (faults.Length == 0) return null;

        var key = exchange.RequestKey;
        FaultContext? context = null;
        ErrorReply? reply = null;
        foreach (var planned in faults)
        {
            var roll = FaultDice.Roll(_seed, _provider, phase.Index, planned.Index, key);
            if (!FaultDice.Hits(planned.Spec.Rate, roll)) continue;

            context ??= new FaultContext(exchange, phase, _timeline);
            var outcome = await planned.Fault.ApplyAsync(context, ct);
            if (outcome.Reply is not null && reply is not null) continue; // a second error changes nothing
            reply ??= outcome.Reply;
            exchange.NoteFault(planned.Spec.Kind);
        }
        return reply;
    }

    private sealed record PlannedFault(int Index, FaultSpec Spec, IFault Fault);
}
