using ChaosKit.Core.Scenarios;

namespace ChaosKit.Load.Simulations;

/// <summary>
/// A validated load profile laid out on the run's time: an <see cref="OpenSchedule"/> or a <see cref="ClosedPlan"/>.
/// Each simulation's <c>during</c> follows the time scale (as the phases do); rates and intervals do not, so a
/// faster run offers the same rate for less time. Nothing is scheduled past the timeline's end.
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

    /// <summary>Lays out <paramref name="simulations"/> over a timeline of <paramref name="timelineDuration"/>.</summary>
    /// <exception cref="ScenarioException">The profile is invalid (see <see cref="LoadSimulations.Validate"/>).</exception>
    public static SimulationPlan Create(IReadOnlyList<LoadSimulation> simulations, TimeSpan timelineDuration, double timeScale, int seed)
    {
        LoadSimulations.Validate(simulations);
        var remaining = timelineDuration;
        if (LoadSimulations.ModelOf(simulations) == LoadModel.Closed)
        {
            var closed = new List<IClosedSegment>();
            var copies = 0;
            foreach (var simulation in simulations)
            {
                IClosedSegment segment = simulation switch
                {
                    KeepConstantSimulation s => new KeepConstant(s, timeScale, remaining),
                    RampingConstantSimulation s => new RampingConstant(s, copies, timeScale, remaining),
                    IterationsForConstantSimulation s => new IterationsForConstant(s, remaining),
                    PauseSimulation s => new Pause(s, timeScale, remaining),
                    _ => throw new ScenarioException(simulation.Location, "load.simulations", $"{simulation.Kind} is not a closed-model simulation"),
                };
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
            var simulation = simulations[i];
            IOpenSegment segment = simulation switch
            {
                InjectSimulation s => new Inject(s, timeScale, remaining),
                RampingInjectSimulation s => new RampingInject(s, rate, timeScale, remaining),
                // Each inject_random draws from its own stream of the scenario seed, so inserting one does not reshuffle another.
                InjectRandomSimulation s => new InjectRandom(s, timeScale, remaining, unchecked((seed * 397) ^ (i + 1))),
                IterationsForInjectSimulation s => new IterationsForInject(s, remaining),
                PauseSimulation s => new Pause(s, timeScale, remaining),
                _ => throw new ScenarioException(simulation.Location, "load.simulations", $"{simulation.Kind} is not an open-model simulation"),
            };
            if (segment is IterationsForInject bounded) cut += bounded.Requested - bounded.Count;
            open.Add(segment);
            rate = segment.EndRatePerSecond;
            remaining -= segment.Duration;
        }
        var schedule = new OpenSchedule(open);
        if (schedule.Count > LoadConstants.MaxArrivals)
            throw new ScenarioException(simulations[0].Location, "load.simulations",
                $"the profile would schedule {schedule.Count} iterations; the limit is {LoadConstants.MaxArrivals}");
        return new SimulationPlan(schedule, null, cut);
    }
}
