using ChaosKit.Core.Scenarios;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Hosting;
using ChaosKit.Load.Requests;
using ChaosKit.Load.Simulations;

namespace ChaosKit.Testing;

/// <summary>
/// The vocabularies a scenario is checked against, the same as <c>chaoskit validate</c> uses: a file the command
/// accepts (its <c>load</c> section included, which the fixture ignores) starts here too, and one it rejects fails here
/// with the same lines.
/// </summary>
internal static class ScenarioCatalogsForTests
{
    /// <summary>Fault, provider, simulation and template catalogs.</summary>
    public static ScenarioCatalogs All { get; } = new()
    {
        Faults = FaultCatalog.Default,
        Providers = ProviderCatalog.Default,
        Simulations = SimulationRegistry.Default,
        Templates = TemplateCatalog.Default,
    };
}
