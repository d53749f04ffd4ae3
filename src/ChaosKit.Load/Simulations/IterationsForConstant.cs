using ChaosKit.Core.Scenarios;

namespace ChaosKit.Load.Simulations;

/// <summary>
/// <c>iterations_for_constant</c>: <c>copies</c> copies share <c>iterations</c> iterations, back to back; the run ends
/// when they are done (or, at the latest, with the timeline).
/// </summary>
internal sealed class IterationsForConstant : IClosedSegment
{
    /// <summary>Lays out <paramref name="spec"/>, bounded by <paramref name="limit"/>.</summary>
    public IterationsForConstant(IterationsForConstantSimulation spec, TimeSpan limit)
    {
        EndCopies = spec.Copies;
        IterationBudget = spec.Iterations;
        Duration = Segments.Cut(limit, limit);
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
