namespace ChaosKit.Core.Scenarios;

/// <summary>
/// The expressions a host can fill into request templates (<c>{{lorem.sentence}}</c>, <c>{{name.firstName}}</c>):
/// the scenario loader asks it to check a load once the load reads cleanly, so a typo in an expression is reported
/// with the scenario's other problems before anything starts; the load engine implements it.
/// </summary>
public interface ITemplateCatalog
{
    /// <summary>Checks every request template of <paramref name="load"/>; throws <see cref="ScenarioException"/> naming the field and what to change.</summary>
    void Validate(LoadSpec load);
}
