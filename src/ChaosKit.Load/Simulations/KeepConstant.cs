using ChaosKit.Core.Scenarios;

namespace ChaosKit.Load.Simulations;

/// <summary><c>keep_constant</c>: <c>copies</c> copies, each starting its next iteration when the last ends, for <c>during</c>.</summary>
internal sealed class KeepConstant : IClosedSegment
{
    /// <summary>Lays out <paramref name="spec"/>, scaled and cut at <paramref name="limit"/>.</summary>
    public KeepConstant(KeepConstantSimulation spec, double timeScale, TimeSpan limit)
    {
        EndCopies = spec.Copies;
        Duration = Segments.Cut(Segments.Scale(spec.During, timeScale), limit);
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
