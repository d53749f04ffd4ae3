namespace ChaosKit.Core.Scenarios;

/// <summary>Whether a load simulation schedules arrivals (open model) or keeps a number of copies busy (closed model).</summary>
public enum LoadModel
{
    /// <summary>Arrivals on a schedule, whether or not earlier iterations have finished (NBomber's inject family).</summary>
    Open,

    /// <summary>A number of copies, each starting its next iteration when the previous one ends (keep_constant family).</summary>
    Closed,

    /// <summary>Fits either model: <c>pause</c>.</summary>
    Either,
}

/// <summary>
/// One step of a scenario's load profile, with NBomber's names and semantics. Simulations run one after the other;
/// a scenario uses open-model ones or closed-model ones, not both. Build them with <see cref="Simulation"/>.
/// </summary>
/// <param name="Location">Where the simulation was declared (<see cref="SourceLocation.None"/> from code).</param>
public abstract record LoadSimulation(SourceLocation Location)
{
    /// <summary>The YAML name, e.g. <c>ramping_inject</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>The load model this simulation belongs to.</summary>
    public abstract LoadModel Model { get; }

    /// <summary>True for the iteration-bounded simulations, which must be a profile's only simulation.</summary>
    public virtual bool IsIterationBounded => false;
}

/// <summary><c>inject</c>: <paramref name="Rate"/> arrivals per <paramref name="Interval"/>, spread evenly, for <paramref name="During"/>.</summary>
/// <param name="Rate">Arrivals per interval.</param>
/// <param name="Interval">The interval the rate counts over.</param>
/// <param name="During">How long the simulation lasts.</param>
/// <param name="Location">Where it was declared.</param>
public sealed record InjectSimulation(double Rate, TimeSpan Interval, TimeSpan During, SourceLocation Location) : LoadSimulation(Location)
{
    /// <inheritdoc />
    public override string Kind => "inject";

    /// <inheritdoc />
    public override LoadModel Model => LoadModel.Open;
}

/// <summary><c>ramping_inject</c>: the arrival rate moves linearly from the previous simulation's rate (0 first) to <paramref name="Rate"/>.</summary>
/// <param name="Rate">Arrivals per interval reached at the end.</param>
/// <param name="Interval">The interval the rate counts over.</param>
/// <param name="During">How long the ramp lasts.</param>
/// <param name="Location">Where it was declared.</param>
public sealed record RampingInjectSimulation(double Rate, TimeSpan Interval, TimeSpan During, SourceLocation Location) : LoadSimulation(Location)
{
    /// <inheritdoc />
    public override string Kind => "ramping_inject";

    /// <inheritdoc />
    public override LoadModel Model => LoadModel.Open;
}

/// <summary><c>inject_random</c>: each interval draws its rate uniformly from [<paramref name="MinRate"/>, <paramref name="MaxRate"/>], seeded.</summary>
/// <param name="MinRate">Least arrivals per interval.</param>
/// <param name="MaxRate">Most arrivals per interval.</param>
/// <param name="Interval">The interval the rate counts over; each draws anew.</param>
/// <param name="During">How long the simulation lasts.</param>
/// <param name="Location">Where it was declared.</param>
public sealed record InjectRandomSimulation(double MinRate, double MaxRate, TimeSpan Interval, TimeSpan During, SourceLocation Location) : LoadSimulation(Location)
{
    /// <inheritdoc />
    public override string Kind => "inject_random";

    /// <inheritdoc />
    public override LoadModel Model => LoadModel.Open;
}

/// <summary><c>iterations_for_inject</c>: <paramref name="Rate"/> arrivals per <paramref name="Interval"/> until <paramref name="Iterations"/> have arrived.</summary>
/// <param name="Rate">Arrivals per interval.</param>
/// <param name="Interval">The interval the rate counts over.</param>
/// <param name="Iterations">Total arrivals.</param>
/// <param name="Location">Where it was declared.</param>
public sealed record IterationsForInjectSimulation(double Rate, TimeSpan Interval, long Iterations, SourceLocation Location) : LoadSimulation(Location)
{
    /// <inheritdoc />
    public override string Kind => "iterations_for_inject";

    /// <inheritdoc />
    public override LoadModel Model => LoadModel.Open;

    /// <inheritdoc />
    public override bool IsIterationBounded => true;
}

/// <summary><c>keep_constant</c>: <paramref name="Copies"/> copies run iterations back to back for <paramref name="During"/> (closed model).</summary>
/// <param name="Copies">Copies running at once.</param>
/// <param name="During">How long the simulation lasts.</param>
/// <param name="Location">Where it was declared.</param>
public sealed record KeepConstantSimulation(int Copies, TimeSpan During, SourceLocation Location) : LoadSimulation(Location)
{
    /// <inheritdoc />
    public override string Kind => "keep_constant";

    /// <inheritdoc />
    public override LoadModel Model => LoadModel.Closed;
}

/// <summary><c>ramping_constant</c>: the number of copies moves linearly from the previous simulation's (0 first) to <paramref name="Copies"/>.</summary>
/// <param name="Copies">Copies reached at the end.</param>
/// <param name="During">How long the ramp lasts.</param>
/// <param name="Location">Where it was declared.</param>
public sealed record RampingConstantSimulation(int Copies, TimeSpan During, SourceLocation Location) : LoadSimulation(Location)
{
    /// <inheritdoc />
    public override string Kind => "ramping_constant";

    /// <inheritdoc />
    public override LoadModel Model => LoadModel.Closed;
}

/// <summary><c>iterations_for_constant</c>: <paramref name="Copies"/> copies share <paramref name="Iterations"/> iterations, back to back.</summary>
/// <param name="Copies">Copies running at once.</param>
/// <param name="Iterations">Total iterations.</param>
/// <param name="Location">Where it was declared.</param>
public sealed record IterationsForConstantSimulation(int Copies, long Iterations, SourceLocation Location) : LoadSimulation(Location)
{
    /// <inheritdoc />
    public override string Kind => "iterations_for_constant";

    /// <inheritdoc />
    public override LoadModel Model => LoadModel.Closed;

    /// <inheritdoc />
    public override bool IsIterationBounded => true;
}

/// <summary><c>pause</c>: no load for <paramref name="During"/>; a following ramp starts from zero.</summary>
/// <param name="During">How long the pause lasts.</param>
/// <param name="Location">Where it was declared.</param>
public sealed record PauseSimulation(TimeSpan During, SourceLocation Location) : LoadSimulation(Location)
{
    /// <inheritdoc />
    public override string Kind => "pause";

    /// <inheritdoc />
    public override LoadModel Model => LoadModel.Either;
}
