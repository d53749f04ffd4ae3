using ChaosKit.Core.Scenarios;

namespace ChaosKit.Core.Loading.Sections;

/// <summary>
/// Reads <c>load.simulations</c>: a list of one-key mappings such as <c>- inject: { rate: 10, interval: 1s, during: 30s }</c>,
/// each read by the kind the catalog registers under its key, then checked as a profile.
/// </summary>
internal static class LoadSimulationsSection
{
    /// <summary>The profile, or <see langword="null"/> when it has a problem (recorded).</summary>
    public static IReadOnlyList<LoadSimulation>? Read(YamlMap load, ISimulationCatalog? catalog)
    {
        if (load.RequiredSequence("simulations") is not { } sequence) return null;
        var field = load.FieldPath("simulations");
        if (catalog is null)
        {
            load.Report("simulations", "no simulation kinds are registered here; load the scenario with the load engine's simulation catalog");
            return null;
        }
        var diagnostics = load.Diagnostics;
        var errors = diagnostics.Count;
        var names = catalog.Kinds.Select(k => k.Name).ToArray();
        var simulations = new List<LoadSimulation>();
        var own = new List<ScenarioException>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var itemPath = $"{field}[{i}]";
            var before = diagnostics.Count;
            if (load.AsMap(sequence.Children[i], itemPath, names) is not { } item || ReadOne(item, itemPath, catalog) is not { } simulation) continue;
            // A setting that could not be read is a placeholder: the simulation's own checks would only echo it.
            if (diagnostics.Count != before) continue;
            simulations.Add(simulation);
            own.AddRange(simulation.Validate(itemPath));
        }
        if (sequence.Children.Count == 0)
            load.Report("simulations", "needs at least one simulation, e.g. '- inject: { rate: 10, interval: 1s, during: 30s }'");
        foreach (var problem in own) diagnostics.Report(problem);
        if (diagnostics.Count != errors) return null;
        // Every simulation is read and passes its own checks; what is left are the rules of the profile as a whole.
        foreach (var problem in LoadSimulations.Problems(simulations, field, catalog)) diagnostics.Report(problem);
        return diagnostics.Count == errors ? simulations : null;
    }

    private static LoadSimulation? ReadOne(YamlMap item, string itemPath, ISimulationCatalog catalog)
    {
        var keys = item.Keys.ToList();
        if (keys.Count != 1)
        {
            // A lone unknown kind is reported by the map already, with a suggestion.
            if (keys.Count > 1 || item.WrittenKeys == 0)
                item.Diagnostics.Report(item.Location, itemPath,
                    $"each simulation is one key naming its kind, e.g. '- inject: {{ rate: 10, interval: 1s, during: 30s }}'; found {keys.Count}: {string.Join(", ", keys)}");
            return null;
        }
        var kind = catalog.Find(keys[0])!;
        if (item.RequiredMap(kind.Name, kind.Settings) is not { } settings) return null;
        try
        {
            return kind.Read(new SimulationSettings(settings, item.Location));
        }
        catch (ScenarioException e)
        {
            item.Diagnostics.Report(e);
            return null;
        }
    }
}
