using ChaosKit.Core.Scenarios;

namespace ChaosKit.Load.Requests;

/// <summary>
/// The Bogus expressions request templates may hold, for the scenario loader: it compiles every template of a load once
/// (the one-request template, or every workflow step's template, variable and check), trying each expression, so a
/// typo is reported with the scenario's other problems instead of mid-run.
/// </summary>
public sealed class TemplateCatalog : ITemplateCatalog
{
    /// <summary>The one instance; it holds no state.</summary>
    public static TemplateCatalog Default { get; } = new();

    private TemplateCatalog()
    {
    }

    /// <inheritdoc />
    public void Validate(LoadSpec load) => LoadRunner.Validate(load, seed: 0);
}
