using ChaosKit.Core.Results;
using ChaosKit.Core.Scenarios;

namespace ChaosKit.Core.Loading.Sections;

/// <summary>Reads <c>score</c>: the scenario's weights for the score's components, the credit of a degraded answer, the calls budget.</summary>
internal static class ScoreSection
{
    private static readonly string[] ScoreKeys = ["weights", "fallback_credit", "calls_budget"];

    public static ScoreSettings Read(YamlMap root)
    {
        if (root.OptionalMap("score", ScoreKeys) is not { } map) return ScoreSettings.Default;
        var defaults = ScoreSettings.Default;
        var weights = new Dictionary<string, double>(ScoreSettings.DefaultWeights, StringComparer.Ordinal);
        if (map.OptionalMap("weights", ScoreComponentNames.All) is { } written)
        {
            foreach (var name in written.Keys.Where(ScoreComponentNames.All.Contains))
                weights[name] = written.OptionalDouble(name, weights[name], 0, 100);
            if (weights.Values.Sum() <= 0) map.Report("weights", "give at least one component a weight above 0");
        }
        return new ScoreSettings
        {
            Weights = weights,
            FallbackCredit = map.OptionalDouble("fallback_credit", defaults.FallbackCredit, 0, 1),
            CallsBudget = map.OptionalDouble("calls_budget", defaults.CallsBudget, 1, 100),
        };
    }
}
