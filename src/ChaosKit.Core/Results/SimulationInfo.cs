namespace ChaosKit.Core.Results;

/// <summary>
/// One simulation of a load profile as data: what it is (<see cref="Kind"/>) and its numbers, e.g. <c>rate</c> and
/// <c>during_seconds</c>. Exporters and the console put it into words, as they do for <see cref="RunWarning"/>.
/// </summary>
/// <param name="Kind">The simulation's YAML name, e.g. <c>ramping_inject</c>.</param>
/// <param name="Numbers">Its settings, keyed in snake_case with their unit in the name (<c>interval_seconds</c>).</param>
public sealed record SimulationInfo(string Kind, IReadOnlyDictionary<string, double> Numbers)
{
    /// <summary>
    /// The value named <paramref name="name"/>, or <see cref="double.NaN"/> when the simulation does not carry it (a
    /// report then shows a dash rather than a plausible 0).
    /// </summary>
    public double this[string name] => Numbers.TryGetValue(name, out var value) ? value : double.NaN;

    /// <summary>A simulation with the given numbers, in the given order.</summary>
    public static SimulationInfo Of(string kind, params (string Name, double Value)[] numbers) =>
        new(kind, numbers.ToDictionary(n => n.Name, n => n.Value, StringComparer.Ordinal));
}

/// <summary>One workflow's load profile, as data.</summary>
/// <param name="Workflow">The workflow's name.</param>
/// <param name="Simulations">Its simulations, in the order they run.</param>
public sealed record WorkflowProfile(string Workflow, IReadOnlyList<SimulationInfo> Simulations);
