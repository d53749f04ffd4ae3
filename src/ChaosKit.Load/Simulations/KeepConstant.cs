using ChaosKit.Core.Results;
using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;

namespace ChaosKit.Load.Simulations;

/// <summary><c>keep_constant</c>: <paramref name="Copies"/> copies run iterations back to back for <paramref name="During"/> (closed model).</summary>
/// <param name="Copies">Copies running at once.</param>
/// <param name="During">How long the simulation lasts.</param>
/// <param name="Location">Where it was declared.</param>
public sealed record KeepConstantSimulation(int Copies, TimeSpan During, SourceLocation Location)
    : LoadSimulation(Definition, Location), IClosedSimulation
{
    /// <summary>How a scenario writes it: <c>- keep_constant: { copies: 5, during: 30s }</c>.</summary>
    public static SimulationKind Definition { get; } = new("keep_constant", LoadModel.Closed, ["copies", "during"], s =>
        new KeepConstantSimulation(s.Int("copies"), s.Duration("during"), s.Location));

    /// <inheritdoc />
    public override IEnumerable<ScenarioException> Validate(string field) =>
    [
        .. SimulationRules.Copies(this, field, Copies, min: 1),
        .. SimulationRules.Positive(this, field, "during", During),
    ];

    /// <inheritdoc />
    public override SimulationInfo Describe() => SimulationInfo.Of(Kind, ("copies", Copies), ("during_seconds", During.TotalSeconds));

    IClosedSegment IClosedSimulation.LayOut(in ClosedLayout at) => new KeepConstant(this, at.Timeline, at.Remaining);
}

public static partial class Simulation
{
    /// <summary><c>keep_constant</c>: <paramref name="copies"/> copies back to back for <paramref name="during"/> (closed).</summary>
    public static KeepConstantSimulation KeepConstant(int copies, TimeSpan during) => new(copies, during, SourceLocation.None);
}

/// <summary><c>keep_constant</c> laid out: <c>copies</c> copies, each starting its next iteration when the last ends, for <c>during</c>.</summary>
internal sealed class KeepConstant : IClosedSegment
{
    /// <summary>Lays out <paramref name="spec"/>, scaled and cut at <paramref name="limit"/>.</summary>
    public KeepConstant(KeepConstantSimulation spec, RunTimeline timeline, TimeSpan limit)
    {
        EndCopies = spec.Copies;
        Duration = SimulationRules.Cut(timeline.Scale(spec.During), limit);
    }

    /// <inheritdoc />
    public TimeSpan Duration { get; }

    /// <inheritdoc />
    public int EndCopies { get; }

    /// <inheritdoc />
    public long? IterationBudget => null;

    /// <inheritdoc />
    public int CopiesAt(TimeSpan offset) => EndCopies;
}
