using System.Globalization;

namespace ChaosKit.Core.Scenarios;

/// <summary>Checks a load profile as NBomber does, with messages naming the simulation's file, line and field.</summary>
public static class LoadSimulations
{
    /// <summary>Most arrivals per second any open simulation may ask for.</summary>
    public const double MaxRatePerSecond = 100_000;

    /// <summary>Most copies a closed simulation may keep running.</summary>
    public const int MaxCopies = 100_000;

    /// <summary>
    /// Throws for the first problem in <paramref name="simulations"/>: an empty profile, open and closed
    /// simulations mixed, an <c>iterations_for_*</c> simulation with company, or an out-of-range value.
    /// </summary>
    /// <param name="simulations">The profile, in order.</param>
    /// <param name="field">The profile's dotted path, e.g. <c>load.simulations</c>, for messages.</param>
    /// <exception cref="ScenarioException">The profile cannot run.</exception>
    public static void Validate(IReadOnlyList<LoadSimulation> simulations, string field = "load.simulations")
    {
        ArgumentNullException.ThrowIfNull(simulations);
        if (simulations.Count == 0)
            throw new ScenarioException(SourceLocation.None, field, "needs at least one simulation, e.g. '- inject: { rate: 10, interval: 1s, during: 30s }'");

        var first = -1;
        for (var i = 0; i < simulations.Count; i++)
        {
            var s = simulations[i];
            var at = $"{field}[{i}]";
            CheckValues(s, at);
            if (s.IsIterationBounded && simulations.Count > 1)
                throw new ScenarioException(s.Location, at,
                    $"{s.Kind} sets the whole run by its iteration count, so it must be the only simulation (found {simulations.Count}); use inject/keep_constant steps for a multi-step profile");
            if (s.Model == LoadModel.Either) continue;
            if (first < 0) { first = i; continue; }
            var f = simulations[first];
            if (f.Model != s.Model)
                throw new ScenarioException(s.Location, at,
                    $"{s.Kind} is a {Name(s.Model)}-model simulation but {field}[{first}] ({f.Kind}) is {Name(f.Model)}; a profile is either open (inject, ramping_inject, inject_random) or closed (keep_constant, ramping_constant), as in NBomber");
        }
    }

    /// <summary>The model of a valid profile: open unless a closed simulation is present.</summary>
    public static LoadModel ModelOf(IReadOnlyList<LoadSimulation> simulations) =>
        simulations.Any(s => s.Model == LoadModel.Closed) ? LoadModel.Closed : LoadModel.Open;

    /// <summary>One line for reports, e.g. <c>ramping_inject 20 per 1s for 10s → keep_constant 5 copies for 30s</c>.</summary>
    public static string Describe(IReadOnlyList<LoadSimulation> simulations) => string.Join(" → ", simulations.Select(Describe));

    private static string Describe(LoadSimulation simulation) => simulation switch
    {
        InjectSimulation s => $"inject {Num(s.Rate)} per {Span(s.Interval)} for {Span(s.During)}",
        RampingInjectSimulation s => $"ramping_inject to {Num(s.Rate)} per {Span(s.Interval)} over {Span(s.During)}",
        InjectRandomSimulation s => $"inject_random {Num(s.MinRate)}–{Num(s.MaxRate)} per {Span(s.Interval)} for {Span(s.During)}",
        IterationsForInjectSimulation s => $"iterations_for_inject {s.Iterations} at {Num(s.Rate)} per {Span(s.Interval)}",
        KeepConstantSimulation s => $"keep_constant {s.Copies} copies for {Span(s.During)}",
        RampingConstantSimulation s => $"ramping_constant to {s.Copies} copies over {Span(s.During)}",
        IterationsForConstantSimulation s => $"iterations_for_constant {s.Iterations} on {s.Copies} copies",
        PauseSimulation s => $"pause {Span(s.During)}",
        _ => simulation.Kind,
    };

    private static string Span(TimeSpan value) => value.TotalSeconds >= 1
        ? $"{Num(value.TotalSeconds)}s"
        : $"{Num(value.TotalMilliseconds)}ms";

    private static string Name(LoadModel model) => model == LoadModel.Open ? "open" : "closed";

    private static void CheckValues(LoadSimulation simulation, string at)
    {
        switch (simulation)
        {
            case InjectSimulation s:
                Rate(s, at, "rate", s.Rate, s.Interval, allowZero: false); Positive(s, at, "interval", s.Interval); Positive(s, at, "during", s.During); break;
            case RampingInjectSimulation s:
                Rate(s, at, "rate", s.Rate, s.Interval, allowZero: true); Positive(s, at, "interval", s.Interval); Positive(s, at, "during", s.During); break;
            case InjectRandomSimulation s:
                Rate(s, at, "min_rate", s.MinRate, s.Interval, allowZero: true);
                Rate(s, at, "max_rate", s.MaxRate, s.Interval, allowZero: false);
                if (s.MinRate > s.MaxRate)
                    Fail(s, at, "min_rate", $"{Num(s.MinRate)} is above max_rate {Num(s.MaxRate)}");
                Positive(s, at, "interval", s.Interval); Positive(s, at, "during", s.During); break;
            case IterationsForInjectSimulation s:
                Rate(s, at, "rate", s.Rate, s.Interval, allowZero: false); Positive(s, at, "interval", s.Interval); Iterations(s, at, s.Iterations); break;
            case KeepConstantSimulation s:
                Copies(s, at, s.Copies, min: 1); Positive(s, at, "during", s.During); break;
            case RampingConstantSimulation s:
                Copies(s, at, s.Copies, min: 0); Positive(s, at, "during", s.During); break;
            case IterationsForConstantSimulation s:
                Copies(s, at, s.Copies, min: 1); Iterations(s, at, s.Iterations); break;
            case PauseSimulation s:
                Positive(s, at, "during", s.During); break;
            default:
                throw new ScenarioException(simulation.Location, at, $"unknown simulation '{simulation.Kind}'");
        }
    }

    private static void Rate(LoadSimulation s, string at, string key, double rate, TimeSpan interval, bool allowZero)
    {
        if (!double.IsFinite(rate) || rate < 0 || (!allowZero && rate == 0))
            Fail(s, at, key, $"the rate must be {(allowZero ? "0 or more" : "more than 0")}, not {Num(rate)}");
        if (interval > TimeSpan.Zero && rate / interval.TotalSeconds > MaxRatePerSecond)
            Fail(s, at, key, $"{Num(rate)} per {interval} is {Num(rate / interval.TotalSeconds)} a second; the limit is {Num(MaxRatePerSecond)}");
    }

    private static void Positive(LoadSimulation s, string at, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero) Fail(s, at, key, $"must be longer than 0s, not {value}");
    }

    private static void Copies(LoadSimulation s, string at, int copies, int min)
    {
        if (copies < min || copies > MaxCopies) Fail(s, at, "copies", $"must be between {min} and {MaxCopies}, not {copies}");
    }

    private static void Iterations(LoadSimulation s, string at, long iterations)
    {
        if (iterations < 1) Fail(s, at, "iterations", $"must be at least 1, not {iterations}");
    }

    private static void Fail(LoadSimulation s, string at, string key, string problem) =>
        throw new ScenarioException(s.Location, $"{at}.{s.Kind}.{key}", problem);

    private static string Num(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
