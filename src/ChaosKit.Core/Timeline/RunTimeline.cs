using ChaosKit.Core.Scenarios;

namespace ChaosKit.Core.Timeline;

/// <summary>
/// The scenario's phases laid out on the run clock, with the time scale applied: phase <c>i</c> starts when
/// phase <c>i-1</c> ends. Everything that asks "which phase is it now?" (fakes, load, scorer) asks this.
/// </summary>
public sealed class RunTimeline
{
    /// <summary>
    /// The smallest time scale a run accepts. Below it a 10 s phase lasts under 100 ms and a 30 s timeout under
    /// 300 ms: shorter than a request's own trip through the app and its provider, which does not scale, so the run
    /// would measure the app's overhead instead of the scenario.
    /// </summary>
    public const double MinTimeScale = 0.01;

    /// <summary>
    /// The largest time scale a run accepts. Above it a minute of the scenario lasts more than an hour and a half,
    /// slower than anyone rehearses, and an open-model load schedules that many times more iterations.
    /// </summary>
    public const double MaxTimeScale = 100;

    /// <summary>True when <paramref name="timeScale"/> is from <see cref="MinTimeScale"/> to <see cref="MaxTimeScale"/>.</summary>
    public static bool IsSupportedTimeScale(double timeScale) => timeScale is >= MinTimeScale and <= MaxTimeScale;

    /// <summary>Lays out <paramref name="phases"/> with every duration multiplied by <paramref name="timeScale"/>.</summary>
    /// <param name="phases">The scenario phases, in order; at least one.</param>
    /// <param name="timeScale">Duration multiplier; <c>0.1</c> runs ten times faster. Must be positive.</param>
    public RunTimeline(IReadOnlyList<PhaseSpec> phases, double timeScale = 1.0)
    {
        ArgumentNullException.ThrowIfNull(phases);
        if (phases.Count == 0) throw new ArgumentException("A timeline needs at least one phase.", nameof(phases));
        if (!(timeScale > 0) || double.IsInfinity(timeScale))
            throw new ArgumentOutOfRangeException(nameof(timeScale), timeScale, "The time scale must be a positive number.");

        TimeScale = timeScale;
        var laidOut = new List<TimelinePhase>(phases.Count);
        var start = TimeSpan.Zero;
        for (var i = 0; i < phases.Count; i++)
        {
            var end = start + Scale(phases[i].Duration);
            laidOut.Add(new TimelinePhase(i, phases[i], start, end));
            start = end;
        }
        Phases = laidOut;
        Duration = start;
        ScenarioDuration = TimeSpan.FromTicks(phases.Sum(p => p.Duration.Ticks));
    }

    /// <summary>The duration multiplier.</summary>
    public double TimeScale { get; }

    /// <summary>Phases with their scaled start and end offsets.</summary>
    public IReadOnlyList<TimelinePhase> Phases { get; }

    /// <summary>Scaled total duration.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Total duration as the scenario writes it (the sum of the phases' durations, unscaled).</summary>
    public TimeSpan ScenarioDuration { get; }

    /// <summary>Applies the time scale to a duration from the scenario (phase lengths, injected latencies).</summary>
    public TimeSpan Scale(TimeSpan duration) => TimeSpan.FromTicks((long)Math.Round(duration.Ticks * TimeScale));

    /// <summary>
    /// The inverse of <see cref="Scale"/>: a span of the run's (scaled) time as the scenario's own time, in which ramps,
    /// flaps and simulation lengths are written. The one place run time is turned back into scenario time.
    /// </summary>
    public TimeSpan ToScenarioTime(TimeSpan runTime) => TimeSpan.FromTicks((long)Math.Round(runTime.Ticks / TimeScale));

    /// <summary>The phase running at <paramref name="elapsed"/> since the run started, or <see langword="null"/> outside the run.</summary>
    public TimelinePhase? PhaseAt(TimeSpan elapsed)
    {
        if (elapsed < TimeSpan.Zero || elapsed >= Duration) return null;
        foreach (var phase in Phases)
        {
            if (elapsed < phase.End) return phase;
        }
        return null;
    }
}

/// <summary>A phase placed on the run clock.</summary>
/// <param name="Index">0-based position in the timeline.</param>
/// <param name="Spec">The phase as the scenario declares it.</param>
/// <param name="Start">Scaled offset from the run start at which the phase begins.</param>
/// <param name="End">Scaled offset at which it ends (exclusive).</param>
public sealed record TimelinePhase(int Index, PhaseSpec Spec, TimeSpan Start, TimeSpan End)
{
    /// <summary>The phase name.</summary>
    public string Name => Spec.Name;

    /// <summary>Scaled length.</summary>
    public TimeSpan Duration => End - Start;
}
