namespace ChaosKit.Core.Scenarios;

/// <summary>
/// The C# API for load profiles, with NBomber's names: <c>Simulation.RampingInject(20, 1s, 10s)</c> and so on.
/// Arguments are checked when the profile is validated (<see cref="LoadSimulations.Validate"/>), as for YAML.
/// </summary>
public static class Simulation
{
    /// <summary><c>inject</c>: <paramref name="rate"/> arrivals per <paramref name="interval"/> for <paramref name="during"/> (open).</summary>
    public static InjectSimulation Inject(double rate, TimeSpan interval, TimeSpan during) => new(rate, interval, during, SourceLocation.None);

    /// <summary><c>ramping_inject</c>: linear from the previous rate to <paramref name="rate"/> per <paramref name="interval"/> over <paramref name="during"/> (open).</summary>
    public static RampingInjectSimulation RampingInject(double rate, TimeSpan interval, TimeSpan during) => new(rate, interval, during, SourceLocation.None);

    /// <summary><c>inject_random</c>: each interval's rate drawn from [<paramref name="minRate"/>, <paramref name="maxRate"/>], seeded (open).</summary>
    public static InjectRandomSimulation InjectRandom(double minRate, double maxRate, TimeSpan interval, TimeSpan during) =>
        new(minRate, maxRate, interval, during, SourceLocation.None);

    /// <summary><c>iterations_for_inject</c>: <paramref name="rate"/> per <paramref name="interval"/> until <paramref name="iterations"/> arrivals (open).</summary>
    public static IterationsForInjectSimulation IterationsForInject(double rate, TimeSpan interval, long iterations) =>
        new(rate, interval, iterations, SourceLocation.None);

    /// <summary><c>keep_constant</c>: <paramref name="copies"/> copies back to back for <paramref name="during"/> (closed).</summary>
    public static KeepConstantSimulation KeepConstant(int copies, TimeSpan during) => new(copies, during, SourceLocation.None);

    /// <summary><c>ramping_constant</c>: copies move linearly from the previous count to <paramref name="copies"/> over <paramref name="during"/> (closed).</summary>
    public static RampingConstantSimulation RampingConstant(int copies, TimeSpan during) => new(copies, during, SourceLocation.None);

    /// <summary><c>iterations_for_constant</c>: <paramref name="copies"/> copies share <paramref name="iterations"/> iterations (closed).</summary>
    public static IterationsForConstantSimulation IterationsForConstant(int copies, long iterations) => new(copies, iterations, SourceLocation.None);

    /// <summary><c>pause</c>: no load for <paramref name="during"/>.</summary>
    public static PauseSimulation Pause(TimeSpan during) => new(during, SourceLocation.None);
}
