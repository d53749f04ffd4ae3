using ChaosKit.Core.Loading;
using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// The run's faults, each built once, and when they strike: the one place that reads a fault's rate, ramp and flap
/// and decides, with the seeded <see cref="FaultDice"/>, whether it hits a call (<see cref="Hits"/>), for request
/// faults (<see cref="FaultPipeline"/>) and connection faults (<c>Hosting/ConnectionFaultPlan</c>) alike, the
/// timeline's and those switched on live.
/// </summary>
/// <remarks>Live faults roll on their own dice, apart from any phase's: phase index -1, fault index from their id.</remarks>
internal sealed class FaultSchedule
{
    private const int LivePhaseIndex = -1;

    private readonly int _seed;
    private readonly ScheduledFault[][] _byPhase;
    private readonly LiveFaults? _live;

    private FaultSchedule(int seed, RunClock clock, ScheduledFault[][] byPhase, LiveFaults? live)
    {
        _seed = seed;
        Clock = clock;
        _byPhase = byPhase;
        _live = live;
    }

    /// <summary>The run clock: its timeline, and the time within a phase that ramps and flaps follow.</summary>
    public RunClock Clock { get; }

    /// <summary>Whether faults may be switched on live (<c>chaoskit serve</c>).</summary>
    public bool HasLive => _live is not null;

    /// <summary>The faults switched on live now, oldest first; empty without <c>serve</c>.</summary>
    public IReadOnlyList<ScheduledFault> Live => _live?.Snapshot ?? [];

    /// <summary>
    /// Builds every fault of every phase once, whichever provider it aims at, so a bad setting fails before
    /// anything starts.
    /// </summary>
    /// <param name="scenario">The scenario: its seed, its providers (which a fault may aim at) and its faults.</param>
    /// <param name="clock">The run clock, over the scenario's timeline.</param>
    /// <param name="catalog">Builds each fault.</param>
    /// <param name="live">Faults switched on by hand while running; <see langword="null"/> when there are none.</param>
    /// <exception cref="ScenarioException">A fault is not valid, or aims at a provider the scenario does not have.</exception>
    public static FaultSchedule Build(Scenario scenario, RunClock clock, FaultCatalog catalog, LiveFaults? live = null)
    {
        var phases = clock.Timeline.Phases;
        var byPhase = new ScheduledFault[phases.Count][];
        foreach (var phase in phases)
        {
            var faults = phase.Spec.Faults;
            byPhase[phase.Index] = new ScheduledFault[faults.Count];
            for (var i = 0; i < faults.Count; i++)
            {
                // The loader checks this for a scenario file; one built in code would otherwise lose the fault silently.
                if (faults[i].Provider is { } provider && scenario.Providers.All(p => p.Name != provider))
                    throw new ScenarioException(faults[i].Location, $"timeline[{phase.Index}].faults[{i}].provider",
                        NearMiss.NoProviderNamed(provider, [.. scenario.Providers.Select(p => p.Name)]));
                byPhase[phase.Index][i] = new ScheduledFault(i, faults[i], catalog.Create(faults[i]));
            }
        }
        return new FaultSchedule(scenario.Seed, clock, byPhase, live);
    }

    /// <summary>
    /// The faults of each phase (by phase index) aimed at <paramref name="provider"/>, in the order the phase lists
    /// them: its connection faults (<see cref="IConnectionFault"/>) or its request faults.
    /// </summary>
    public ScheduledFault[][] AimedAt(string provider, bool connection) =>
        [.. _byPhase.Select(faults => faults.Where(f => f.Aims(provider) && f.Fault is IConnectionFault == connection).ToArray())];

    /// <summary>
    /// The rate of <paramref name="fault"/> at <paramref name="offset"/> on the run clock, in <paramref name="phase"/>:
    /// its ramp and flap follow the scenario's own (unscaled) time since the phase began. A live fault holds its rate.
    /// </summary>
    public double RateAt(ScheduledFault fault, TimelinePhase? phase, TimeSpan offset)
    {
        var spec = fault.Spec;
        if (fault.IsLive || spec.Timing.IsSteady) return spec.Rate;
        var sinceStart = Clock.Timeline.ToScenarioTime(offset - phase!.Start);
        return spec.Timing.RateAt(spec.Rate, sinceStart, phase.Spec.Duration);
    }

    /// <summary>
    /// Whether <paramref name="fault"/> hits the call or connection keyed <paramref name="key"/> that
    /// <paramref name="provider"/> met at <paramref name="offset"/> in <paramref name="phase"/>.
    /// </summary>
    public bool Hits(ScheduledFault fault, string provider, TimelinePhase? phase, TimeSpan offset, string key)
    {
        var rate = RateAt(fault, phase, offset);
        // Rolls fall in [0, 1): rate 0 never hits and rate 1 always does, with no need to roll.
        if (rate <= 0 || rate >= 1) return rate >= 1;
        return FaultDice.Roll(_seed, provider, fault.IsLive ? LivePhaseIndex : phase!.Index, fault.Index, key) < rate;
    }
}

/// <summary>One fault of the run, built once.</summary>
/// <param name="Index">Its place in its phase's list, or a live fault's id: the fault index of its dice.</param>
/// <param name="Spec">Its declaration: kind, target, rate, ramp and flap.</param>
/// <param name="Fault">The fault built from it.</param>
/// <param name="IsLive">Switched on live (<c>serve</c>) rather than listed by a phase.</param>
internal sealed record ScheduledFault(int Index, FaultSpec Spec, IFault Fault, bool IsLive = false)
{
    /// <summary>Whether the fault aims at <paramref name="provider"/> (or at every provider).</summary>
    public bool Aims(string provider) => Spec.Provider is null || string.Equals(Spec.Provider, provider, StringComparison.Ordinal);
}
