using ChaosKit.Core.Scenarios;

namespace ChaosKit.Load.Simulations;

/// <summary>
/// The simulation kinds the load engine runs, keyed by their YAML name. Each kind is one file in this folder (its
/// settings, checks, description and arrival curve) and one line in <see cref="Default"/>; a second kind under a
/// name already taken fails at once.
/// </summary>
public sealed class SimulationRegistry : ISimulationCatalog
{
    private readonly List<SimulationKind> _kinds = [];
    private readonly Dictionary<string, SimulationKind> _byName = new(StringComparer.Ordinal);

    /// <summary>NBomber's simulations, in the order the docs list them.</summary>
    public static SimulationRegistry Default { get; } = new SimulationRegistry()
        .Register(InjectSimulation.Definition)
        .Register(RampingInjectSimulation.Definition)
        .Register(InjectRandomSimulation.Definition)
        .Register(IterationsForInjectSimulation.Definition)
        .Register(KeepConstantSimulation.Definition)
        .Register(RampingConstantSimulation.Definition)
        .Register(IterationsForConstantSimulation.Definition)
        .Register(PauseSimulation.Definition);

    /// <inheritdoc />
    public IReadOnlyList<SimulationKind> Kinds => _kinds;

    /// <summary>Adds <paramref name="kind"/>.</summary>
    /// <returns>This registry, to chain registrations.</returns>
    /// <exception cref="ArgumentException">Another kind is registered under the same name.</exception>
    public SimulationRegistry Register(SimulationKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (!_byName.TryAdd(kind.Name, kind))
            throw new ArgumentException($"A simulation named '{kind.Name}' is already registered.", nameof(kind));
        _kinds.Add(kind);
        return this;
    }

    /// <inheritdoc />
    public SimulationKind? Find(string name) => _byName.GetValueOrDefault(name);
}
