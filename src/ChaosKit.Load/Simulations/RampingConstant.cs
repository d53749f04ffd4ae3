using ChaosKit.Core.Results;
using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;

namespace ChaosKit.Load.Simulations;

/// <summary><c>ramping_constant</c>: the number of copies moves linearly from the previous simulation's (0 first) to <paramref name="Copies"/> (closed model).</summary>
/// <param name="Copies">Copies reached at the end.</param>
/// <param name="During">How long the ramp lasts.</param>
/// <param name="Location">Where it was declared.</param>
public sealed record RampingConstantSimulation(int Copies, TimeSpan During, SourceLocation Location)
    : LoadSimulation(Definition, Location), IClosedSimulation
{
    /// <summary>How a scenario writes it: <c>- ramping_constant: { copies: 10, during: 20s }</c>.</summary>
    public static SimulationKind Definition { get; } = new("ramping_constant", LoadModel.Closed, ["copies", "during"], s =>
        new RampingConstantSimulation(s.Int("copies"), s.Duration("during"), s.Location));

    /// <inheritdoc />
    public override IEnumerable<ScenarioException> Validate(string field) =>
    [
        .. SimulationRules.Copies(this, field, Copies, min: 0),
        .. SimulationRules.Positive(this, field, "during", During),
    ];

    /// <inheritdoc />
    public override SimulationInfo Describe() => SimulationInfo.Of(Kind, ("copies", Copies), ("during_seconds", During.TotalSeconds));

    IClosedSegment IClosedSimulation.LayOut(in ClosedLayout at) => new RampingConstant(this, at.PreviousCopies, at.Timeline, at.Remaining);
}

public static partial class Simulation
{
    /// <summary><c>ramping_constant</c>: copies move linearly from the previous count to <paramref name="copies"/> over <paramref name="during"/> (closed).</summary>
    public static RampingConstantSimulation RampingConstant(int copies, TimeSpan during) => new(copies, during, SourceLocation.None);
}

/// <summary>
/// <c>ramping_constant</c> laid out: copies move linearly from the previous simulation's count (0 first) to
/// <c>copies</c> over <c>during</c>, rounded to the nearest whole copy.
/// </summary>
internal sealed class RampingConstant : IClosedSegment
{
    private readonly int _from;
    private readonly int _to;
    private readonly TimeSpan _full;

    /// <summary>Lays out <paramref name="spec"/> from <paramref name="previousCopies"/>, scaled and cut at <paramref name="limit"/>.</summary>
    public RampingConstant(RampingConstantSimulation spec, int previousCopies, RunTimeline timeline, TimeSpan limit)
    {
        _from = previousCopies;
        _to = spec.Copies;
        _full = timeline.Scale(spec.During);
        Duration = SimulationRules.Cut(_full, limit);
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
