using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;

namespace ChaosKit.Load.Simulations;

/// <summary>
/// A validated load profile laid out on the run's time: an <see cref="OpenSchedule"/> or a <see cref="ClosedPlan"/>,
/// each simulation laying out its own segment where the previous one ended. Each simulation's <c>during</c> follows
/// the time scale (as the phases do); rates and intervals do not, so a faster run offers the same rate for less time.
/// Nothing is scheduled past the timeline's end.
/// </summary>
internal sealed class SimulationPlan
{
    private SimulationPlan(OpenSchedule? open, ClosedPlan? closed, long cutIterations)
    {
        Open = open;
        Closed = closed;
        CutIterations = cutIterations;
    }

    /// <summary>The open-model schedule, or <see langword="null"/> for a closed profile.</summary>
    public OpenSchedule? Open { get; }

    /// <summary>The closed-model plan, or <see langword="null"/> for an open profile.</summary>
    public ClosedPlan? Closed { get; }

    /// <summary>Iterations an <c>iterations_for_inject</c> asked for that the timeline was too short to schedule.</summary>
    public long CutIterations { get; }

    /// <summary>
    /// <paramref name="simulations"/>, or for the <c>rate</c> shorthand (none given) one <c>inject</c> of
    /// <paramref name="ratePerSecond"/> over the scenario's whole (unscaled) timeline.
    /// </summary>
    public static IReadOnlyList<LoadSimulation> Effective(IReadOnlyList<LoadSimulation> simulations, double ratePerSecond, TimeSpan scenarioDuration, SourceLocation location) =>
        simulations.Count > 0 ? simulations : [InjectSimulation.Constant(ratePerSecond, scenarioDuration, location)];

    /// <summary>Lays out <paramref name="simulations"/>, a valid profile (<see cref="LoadSimulations.Validate"/>), over <paramref name="timeline"/>.</summary>
    public static SimulationPlan Create(IReadOnlyList<LoadSimulation> simulations, RunTimeline timeline, int seed)
    {
        var remaining = timeline.Duration;
        if (LoadSimulations.ModelOf(simulations) == LoadModel.Closed)
        {
            var closed = new List<IClosedSegment>();
            var copies = 0;
            foreach (var simulation in simulations)
            {
                var segment = ((IClosedSimulation)simulation).LayOut(new ClosedLayout(copies, remaining, timeline));
                closed.Add(segment);
                copies = segment.EndCopies;
                remaining -= segment.Duration;
            }
            return new SimulationPlan(null, new ClosedPlan(closed), 0);
        }

        var open = new List<IOpenSegment>();
        var rate = 0.0;
        long cut = 0;
        for (var i = 0; i < simulations.Count; i++)
        {
            // Each simulation draws from its own stream of the scenario seed, so inserting one does not reshuffle another.
            var segment = ((IOpenSimulation)simulations[i]).LayOut(new OpenLayout(rate, remaining, timeline, unchecked((seed * 397) ^ (i + 1))));
            cut += segment.NotScheduled;
            open.Add(segment);
            rate = segment.EndRatePerSecond;
            remaining -= segment.Duration;
        }
        return new SimulationPlan(new OpenSchedule(open), null, cut);
    }
}
