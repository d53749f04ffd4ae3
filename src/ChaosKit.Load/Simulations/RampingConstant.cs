using ChaosKit.Core.Scenarios;

namespace ChaosKit.Load.Simulations;

/// <summary>
/// <c>ramping_constant</c>: copies move linearly from the previous simulation's count (0 first) to <c>copies</c>
/// over <c>during</c>, rounded to the nearest whole copy.
/// </summary>
internal sealed class RampingConstant : IClosedSegment
{
    private readonly int _from;
    private readonly int _to;
    private readonly TimeSpan _full;

    /// <summary>Lays out <paramref name="spec"/> from <paramref name="previousCopies"/>, scaled and cut at <paramref name="limit"/>.</summary>
    public RampingConstant(RampingConstantSimulation spec, int previousCopies, double timeScale, TimeSpan limit)
    {
        _from = previousCopies;
        _to = spec.Copies;
        _full = Segments.Scale(spec.During, timeScale);
        Duration = Segments.Cut(_full, limit);
        EndCopies = Duration == _full ? _to : CopiesAt(Duration);
    }

    /// <inheritdoc />
    public TimeSpan Duration { get; }

    /// <inheritdoc />
    public int EndCopies { get; }

    /// <inheritdoc />
    public long? IterationBudget => null;

    /// <inheritdoc />
    public int CopiesAt(TimeSpan offset)
    {
        if (_full <= TimeSpan.Zero || offset >= _full) return _to;
        var share = Math.Max(0, offset.Ticks) / (double)_full.Ticks;
        return (int)Math.Round(_from + (_to - _from) * share, MidpointRounding.AwayFromZero);
    }
}
