using ChaosKit.Core.Results;
using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;

namespace ChaosKit.Load.Simulations;

/// <summary><c>pause</c>: no load for <paramref name="During"/>; a following ramp starts from zero. Fits either model.</summary>
/// <param name="During">How long the pause lasts.</param>
/// <param name="Location">Where it was declared.</param>
public sealed record PauseSimulation(TimeSpan During, SourceLocation Location)
    : LoadSimulation(Definition, Location), IOpenSimulation, IClosedSimulation
{
    /// <summary>How a scenario writes it: <c>- pause: { during: 5s }</c>.</summary>
    public static SimulationKind Definition { get; } = new("pause", LoadModel.Either, ["during"], s =>
        new PauseSimulation(s.Duration("during"), s.Location));

    /// <inheritdoc />
    public override IEnumerable<ScenarioException> Validate(string field) => SimulationRules.Positive(this, field, "during", During);

    /// <inheritdoc />
    public override SimulationInfo Describe() => SimulationInfo.Of(Kind, ("during_seconds", During.TotalSeconds));

    IOpenSegment IOpenSimulation.LayOut(in OpenLayout at) => new Pause(this, at.Timeline, at.Remaining);

    IClosedSegment IClosedSimulation.LayOut(in ClosedLayout at) => new Pause(this, at.Timeline, at.Remaining);
}

public static partial class Simulation
{
    /// <summary><c>pause</c>: no load for <paramref name="during"/>.</summary>
    public static PauseSimulation Pause(TimeSpan during) => new(during, SourceLocation.None);
}

/// <summary><c>pause</c> laid out: no arrivals and no copies for <c>during</c>.</summary>
internal sealed class Pause : IOpenSegment, IClosedSegment
{
    /// <summary>Lays out <paramref name="spec"/>, scaled and cut at <paramref name="limit"/>.</summary>
    public Pause(PauseSimulation spec, RunTimeline timeline, TimeSpan limit) =>
        Duration = SimulationRules.Cut(timeline.Scale(spec.During), limit);

    /// <inheritdoc cref="IOpenSegment.Duration" />
    public TimeSpan Duration { get; }

    /// <inheritdoc />
    public double EndRatePerSecond => 0;

    /// <inheritdoc />
    public long Count => 0;

    /// <inheritdoc />
    public int EndCopies => 0;

    /// <inheritdoc />
    public long? IterationBudget => null;

    /// <inheritdoc />
    public IEnumerable<TimeSpan> Offsets() => [];

    /// <inheritdoc />
    public int CopiesAt(TimeSpan offset) => 0;
}
