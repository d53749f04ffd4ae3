namespace ChaosKit.Core.Scenarios;

/// <summary>
/// The vocabularies a scenario is checked against, each registered by the stage that implements it (the fakes
/// register fault kinds and provider kinds, the load engine simulation kinds and template expressions). The loader
/// checks the parts it has a catalog for in full, and the others only for their shared shape; load simulations cannot
/// be read without their catalog. Whatever a catalog rejects joins the scenario's other problems in one list.
/// </summary>
public sealed record ScenarioCatalogs
{
    /// <summary>No catalogs: only the shared shape of every part is checked.</summary>
    public static ScenarioCatalogs None { get; } = new();

    /// <summary>The fault kinds and their settings; <see langword="null"/> checks only the shared fault keys.</summary>
    public IFaultCatalog? Faults { get; init; }

    /// <summary>The provider kinds; <see langword="null"/> checks only that each provider names a kind.</summary>
    public IProviderCatalog? Providers { get; init; }

    /// <summary>The load simulation kinds; <see langword="null"/> rejects a scenario that has <c>simulations</c>.</summary>
    public ISimulationCatalog? Simulations { get; init; }

    /// <summary>The request templates' expressions; <see langword="null"/> leaves them to be checked when the load runs.</summary>
    public ITemplateCatalog? Templates { get; init; }
}
