namespace ChaosKit.Core.Scenarios;

/// <summary>
/// The load simulation kinds a host knows how to run. The scenario loader reads each <c>load.simulations</c> entry
/// through it, so the loader knows no kind by name; the load engine implements it.
/// </summary>
public interface ISimulationCatalog
{
    /// <summary>Registered kinds, in registration order.</summary>
    IReadOnlyList<SimulationKind> Kinds { get; }

    /// <summary>The kind named <paramref name="name"/>, or <see langword="null"/> when none is registered under it.</summary>
    SimulationKind? Find(string name);
}

/// <summary>How a scenario writes one simulation kind, e.g. <c>- ramping_inject: { rate, interval, during }</c>, and how to read it.</summary>
/// <param name="Name">The YAML key, e.g. <c>ramping_inject</c>.</param>
/// <param name="Model">The load model its simulations belong to.</param>
/// <param name="Settings">The keys it takes; any other key is rejected with the nearest as a suggestion.</param>
/// <param name="Read">
/// Builds the simulation from its settings. A bad or missing value is recorded by the settings' getters (which return a
/// placeholder); a rule across settings belongs in <see cref="LoadSimulation.Validate"/>.
/// </param>
/// <param name="IsIterationBounded">True when its iteration count sets the whole run, so it must be a profile's only simulation.</param>
public sealed record SimulationKind(
    string Name, LoadModel Model, IReadOnlyList<string> Settings, Func<SimulationSettings, LoadSimulation> Read, bool IsIterationBounded = false);
