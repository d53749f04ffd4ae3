using ChaosKit.Core.Scenarios;

namespace ChaosKit.Core.Loading.Sections;

/// <summary>Reads <c>load.simulations</c>: a list of one-key mappings such as <c>- inject: { rate: 10, interval: 1s, during: 30s }</c>.</summary>
internal static class LoadSimulationsSection
{
    private static readonly string[] Kinds =
        ["inject", "ramping_inject", "inject_random", "iterations_for_inject", "keep_constant", "ramping_constant", "iterations_for_constant", "pause"];

    private static readonly string[] RateKeys = ["rate", "interval", "during"];
    private static readonly string[] RandomKeys = ["min_rate", "max_rate", "interval", "during"];
    private static readonly string[] IterationsInjectKeys = ["rate", "interval", "iterations"];
    private static readonly string[] CopiesKeys = ["copies", "during"];
    private static readonly string[] IterationsConstantKeys = ["copies", "iterations"];
    private static readonly string[] PauseKeys = ["during"];
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    public static IReadOnlyList<LoadSimulation> Read(YamlMap load)
    {
        var sequence = load.RequiredSequence("simulations");
        var field = load.FieldPath("simulations");
        var simulations = new List<LoadSimulation>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var itemPath = $"{field}[{i}]";
            var item = load.AsMap(sequence.Children[i], itemPath, Kinds);
            var kinds = item.Keys.ToList();
            if (kinds.Count != 1)
                throw new ScenarioException(item.Location, itemPath,
                    $"each simulation is one key naming its kind, e.g. '- inject: {{ rate: 10, interval: 1s, during: 30s }}'; found {kinds.Count}: {string.Join(", ", kinds)}");
            simulations.Add(ReadOne(item, kinds[0]));
        }
        if (simulations.Count == 0)
            throw new ScenarioException(load.LocationOf("simulations"), field, "needs at least one simulation, e.g. '- inject: { rate: 10, interval: 1s, during: 30s }'");
        LoadSimulations.Validate(simulations, field);
        return simulations;
    }

    private static LoadSimulation ReadOne(YamlMap item, string kind)
    {
        var at = item.Location;
        switch (kind)
        {
            case "inject":
            {
                var m = item.RequiredMap(kind, RateKeys);
                return new InjectSimulation(Rate(m, "rate"), m.OptionalDuration("interval", OneSecond), m.RequiredDuration("during"), at);
            }
            case "ramping_inject":
            {
                var m = item.RequiredMap(kind, RateKeys);
                return new RampingInjectSimulation(Rate(m, "rate"), m.OptionalDuration("interval", OneSecond), m.RequiredDuration("during"), at);
            }
            case "inject_random":
            {
                var m = item.RequiredMap(kind, RandomKeys);
                return new InjectRandomSimulation(Rate(m, "min_rate"), Rate(m, "max_rate"), m.OptionalDuration("interval", OneSecond), m.RequiredDuration("during"), at);
            }
            case "iterations_for_inject":
            {
                var m = item.RequiredMap(kind, IterationsInjectKeys);
                return new IterationsForInjectSimulation(Rate(m, "rate"), m.OptionalDuration("interval", OneSecond), m.RequiredInt("iterations"), at);
            }
            case "keep_constant":
            {
                var m = item.RequiredMap(kind, CopiesKeys);
                return new KeepConstantSimulation(m.RequiredInt("copies"), m.RequiredDuration("during"), at);
            }
            case "ramping_constant":
            {
                var m = item.RequiredMap(kind, CopiesKeys);
                return new RampingConstantSimulation(m.RequiredInt("copies"), m.RequiredDuration("during"), at);
            }
            case "iterations_for_constant":
            {
                var m = item.RequiredMap(kind, IterationsConstantKeys);
                return new IterationsForConstantSimulation(m.RequiredInt("copies"), m.RequiredInt("iterations"), at);
            }
            default:
            {
                var m = item.RequiredMap(kind, PauseKeys);
                return new PauseSimulation(m.RequiredDuration("during"), at);
            }
        }
    }

    private static double Rate(YamlMap map, string key) => map.RequiredDouble(key, 0, LoadSimulations.MaxRatePerSecond * 3600);
}
