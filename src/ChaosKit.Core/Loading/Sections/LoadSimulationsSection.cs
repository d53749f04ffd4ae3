using ChaosKit.Core.Scenarios;

namespace ChaosKit.Core.Loading.Sections;

/// <summary>
/// Reads <c>load.simulations</c>: a list of one-key mappings such as <c>- inject: { rate: 10, interval: 1s, during: 30s }</c>,
/// each read by the kind the catalog registers under its key, then checked as a profile.
/// </summary>
internal static class LoadSimulationsSection
{
    public static IReadOnlyList<LoadSimulation> Read(YamlMap load, ISimulationCatalog? catalog)
    {
        var sequence = load.RequiredSequence("simulations");
        var field = load.FieldPath("simulations");
        if (catalog is null)
            throw new ScenarioException(load.LocationOf("simulations"), field,
                "no simulation kinds are registered here; load the scenario with the load engine's simulation catalog");
        var names = catalog.Kinds.Select(k => k.Name).ToArray();
        var simulations = new List<LoadSimulation>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var itemPath = $"{field}[{i}]";
            var item = load.AsMap(sequence.Children[i], itemPath, names);
            var keys = item.Keys.ToList();
            if (keys.Count != 1)
                throw new ScenarioException(item.Location, itemPath,
                    $"each simulation is one key naming its kind, e.g. '- inject: {{ rate: 10, interval: 1s, during: 30s }}'; found {keys.Count}: {string.Join(", ", keys)}");
            var kind = catalog.Find(keys[0])!;
            simulations.Add(kind.Read(new SimulationSettings(item.RequiredMap(kind.Name, kind.Settings), item.Location)));
        }
        if (simulations.Count == 0)
            throw new ScenarioException(load.LocationOf("simulations"), field, "needs at least one simulation, e.g. '- inject: { rate: 10, interval: 1s, during: 30s }'");
        LoadSimulations.Validate(simulations, field, catalog);
        return simulations;
    }
}
