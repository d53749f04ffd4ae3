using ChaosKit.Core.Scenarios;

namespace ChaosKit.Load.Simulations;

/// <summary><c>pause</c>: no arrivals and no copies for <c>during</c>; a following ramp starts from zero.</summary>
internal sealed class Pause : IOpenSegment, IClosedSegment
{
    /// <summary>Lays out <paramref name="spec"/>, scaled and cut at <paramref name="limit"/>.</summary>
    public Pause(PauseSimulation spec, double timeScale, TimeSpan limit) =>
        Duration = Segments.Cut(Segments.Scale(spec.During, timeScale), limit);

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
