namespace ChaosKit.Core.Scenarios;

/// <summary>
/// The rules of a load profile as a whole, as NBomber has them: at least one simulation, open and closed not mixed,
/// an <c>iterations_for_*</c> simulation alone. Each simulation checks its own values (<see cref="LoadSimulation.Validate"/>).
/// </summary>
public static class LoadSimulations
{
    /// <summary>Most arrivals per second any open simulation may ask for.</summary>
    public const double MaxRatePerSecond = 100_000;

    /// <summary>Most copies a closed simulation may keep running.</summary>
    public const int MaxCopies = 100_000;

    /// <summary>Most iterations one profile may schedule, so a typo in a rate cannot exhaust memory.</summary>
    public const long MaxArrivals = 100_000_000;

    /// <summary>
    /// Every problem of <paramref name="simulations"/>, in profile order: each simulation's own values, then whether it
    /// fits the profile. Empty when the profile can run.
    /// </summary>
    /// <param name="simulations">The profile, in order.</param>
    /// <param name="field">The profile's dotted path, e.g. <c>load.simulations</c>, for messages.</param>
    /// <param name="catalog">The registered kinds, to name each model's kinds in a message; optional.</param>
    public static IEnumerable<ScenarioException> Problems(IReadOnlyList<LoadSimulation> simulations, string field = "load.simulations", ISimulationCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(simulations);
        if (simulations.Count == 0)
        {
            yield return new ScenarioException(SourceLocation.None, field, "needs at least one simulation, e.g. '- inject: { rate: 10, interval: 1s, during: 30s }'");
            yield break;
        }

        var first = -1;
        for (var i = 0; i < simulations.Count; i++)
        {
            var s = simulations[i];
            var at = $"{field}[{i}]";
            foreach (var problem in s.Validate(at)) yield return problem;
            if (s.IsIterationBounded && simulations.Count > 1)
                yield return new ScenarioException(s.Location, at,
                    $"{s.Kind} sets the whole run by its iteration count, so it must be the only simulation (found {simulations.Count}); use inject/keep_constant steps for a multi-step profile");
            if (s.Model == LoadModel.Either) continue;
            if (first < 0) { first = i; continue; }
            var f = simulations[first];
            if (f.Model != s.Model)
                yield return new ScenarioException(s.Location, at,
                    $"{s.Kind} is a {Name(s.Model)}-model simulation but {field}[{first}] ({f.Kind}) is {Name(f.Model)}; a profile is either {Kinds(catalog, LoadModel.Open)} or {Kinds(catalog, LoadModel.Closed)}, as in NBomber");
        }
    }

    /// <summary>Throws the first of <see cref="Problems"/>, if any.</summary>
    /// <exception cref="ScenarioException">The profile cannot run.</exception>
    public static void Validate(IReadOnlyList<LoadSimulation> simulations, string field = "load.simulations", ISimulationCatalog? catalog = null)
    {
        if (Problems(simulations, field, catalog).FirstOrDefault() is { } problem) throw problem;
    }

    /// <summary>The model of a valid profile: open unless a closed simulation is present.</summary>
    public static LoadModel ModelOf(IReadOnlyList<LoadSimulation> simulations) =>
        simulations.Any(s => s.Model == LoadModel.Closed) ? LoadModel.Closed : LoadModel.Open;

    private static string Name(LoadModel model) => model == LoadModel.Open ? "open" : "closed";

    // "open (inject, ramping_inject, ...)": the model's registered kinds, when the catalog is known.
    private static string Kinds(ISimulationCatalog? catalog, LoadModel model)
    {
        var names = catalog?.Kinds.Where(k => k.Model == model).Select(k => k.Name).ToList();
        return names is { Count: > 0 } ? $"{Name(model)} ({string.Join(", ", names)})" : Name(model);
    }
}
