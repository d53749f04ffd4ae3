using ChaosKit.Core.Results;
using ChaosKit.Core.Scenarios;

namespace ChaosKit.Load.Simulations;

/// <summary><c>iterations_for_constant</c>: <paramref name="Copies"/> copies share <paramref name="Iterations"/> iterations, back to back (closed model, alone).</summary>
/// <param name="Copies">Copies running at once.</param>
/// <param name="Iterations">Total iterations.</param>
/// <param name="Location">Where it was declared.</param>
public sealed record IterationsForConstantSimulation(int Copies, long Iterations, SourceLocation Location)
    : LoadSimulation(Location), IClosedSimulation
{
    /// <summary>How a scenario writes it: <c>- iterations_for_constant: { copies: 4, iterations: 500 }</c>.</summary>
    public static SimulationKind Definition { get; } = new("iterations_for_constant", LoadModel.Closed, ["copies", "iterations"], s =>
        new IterationsForConstantSimulation(s.Int("copies"), s.Int("iterations"), s.Location));

    /// <inheritdoc />
    public override string Kind => Definition.Name;

    /// <inheritdoc />
    public override LoadModel Model => Definition.Model;

    /// <inheritdoc />
    public override bool IsIterationBounded => true;

    /// <inheritdoc />
    public override IEnumerable<ScenarioException> Validate(string field) =>
    [
        .. SimulationRules.Copies(this, field, Copies, min: 1),
        .. SimulationRules.Iterations(this, field, Iterations),
    ];

    /// <inheritdoc />
    public override SimulationInfo Describe() => SimulationInfo.Of(Kind, ("copies", Copies), ("iterations", Iterations));

    IClosedSegment IClosedSimulation.LayOut(in ClosedLayout at) => new IterationsForConstant(this, at.Remaining);
}

public static partial class Simulation
{
    /// <summary><c>iterations_for_constant</c>: <paramref name="copies"/> copies share <paramref name="iterations"/> iterations (closed).</summary>
    public static IterationsForConstantSimulation IterationsForConstant(int copies, long iterations) => new(copies, iterations, SourceLocation.None);
}

/// <summary>
/// <c>iterations_for_constant</c> laid out: <c>copies</c> copies share <c>iterations</c> iterations, back to back; the
/// run ends when they are done (or, at the latest, with the timeline).
/// </summary>
internal sealed class IterationsForConstant : IClosedSegment
{
    /// <summary>Lays out <paramref name="spec"/>, bounded by <paramref name="limit"/>.</summary>
    public IterationsForConstant(IterationsForConstantSimulation spec, TimeSpan limit)
    {
        EndCopies = spec.Copies;
        IterationBudget = spec.Iterations;
        Duration = SimulationRules.Cut(limit, limit);
    }

    /// <inheritdoc />
    public TimeSpan Duration { get; }

    /// <inheritdoc />
    public int EndCopies { get; }

    /// <inheritdoc />
    public long? IterationBudget { get; }

    /// <inheritdoc />
    public int CopiesAt(TimeSpan offset) => EndCopies;
}
