using ChaosKit.Core.Results;

namespace ChaosKit.Core.Scenarios;

/// <summary>
/// How a scenario tunes its score (the <c>score</c> section): the components' weights, the credit a degraded answer
/// earns, and the provider calls a request may cost. Every value has a documented default (<c>docs/scoring.md</c>).
/// </summary>
public sealed record ScoreSettings
{
    // Before Default, which reads it: static fields initialise in order.
    /// <summary>The default weights: being served counts most, then the answer's quality, latency and the app's discipline.</summary>
    public static IReadOnlyDictionary<string, double> DefaultWeights { get; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        [ScoreComponentNames.Served] = 0.30,
        [ScoreComponentNames.AnswerQuality] = 0.15,
        [ScoreComponentNames.Latency] = 0.15,
        [ScoreComponentNames.FailFast] = 0.10,
        [ScoreComponentNames.Discipline] = 0.15,
        [ScoreComponentNames.Detect] = 0.05,
        [ScoreComponentNames.Recover] = 0.05,
        [ScoreComponentNames.Waste] = 0.05,
    };

    /// <summary>The defaults: <see cref="DefaultWeights"/>, a degraded answer worth half, two provider calls a request.</summary>
    public static ScoreSettings Default { get; } = new();

    /// <summary>
    /// Each component's weight by name (<see cref="ScoreComponentNames.All"/>); any left out keeps its default. The
    /// weights of a phase's components are scaled to add up to 1, so only their proportions matter.
    /// </summary>
    public IReadOnlyDictionary<string, double> Weights { get; init; } = DefaultWeights;

    /// <summary>What a degraded answer (the fallback marker) is worth next to one from the primary path, 0–1.</summary>
    public double FallbackCredit { get; init; } = 0.5;

    /// <summary>Provider calls per user request the app may make before the discipline component counts them against it.</summary>
    public double CallsBudget { get; init; } = 2;

    /// <summary>The weight of component <paramref name="name"/>: the scenario's, else the default.</summary>
    public double WeightOf(string name) => Weights.TryGetValue(name, out var weight) ? weight : DefaultWeights.GetValueOrDefault(name);
}
