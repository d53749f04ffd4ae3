using ChaosKit.Core.Results;

namespace ChaosKit.Core.Scenarios;

/// <summary>Whether a load simulation schedules arrivals (open model) or keeps a number of copies busy (closed model).</summary>
public enum LoadModel
{
    /// <summary>Arrivals on a schedule, whether or not earlier iterations have finished (NBomber's inject family).</summary>
    Open,

    /// <summary>A number of copies, each starting its next iteration when the previous one ends (keep_constant family).</summary>
    Closed,

    /// <summary>Fits either model: <c>pause</c>.</summary>
    Either,
}

/// <summary>
/// One step of a scenario's load profile, with NBomber's names and semantics. Simulations run one after the other;
/// a scenario uses open-model ones or closed-model ones, not both. The kinds live in the load engine, one file each,
/// and reach the loader through <see cref="ISimulationCatalog"/>; this base is all the rest of the model needs.
/// </summary>
/// <param name="Location">Where the simulation was declared (<see cref="SourceLocation.None"/> from code).</param>
public abstract record LoadSimulation(SourceLocation Location)
{
    /// <summary>The YAML name, e.g. <c>ramping_inject</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>The load model this simulation belongs to.</summary>
    public abstract LoadModel Model { get; }

    /// <summary>True for the iteration-bounded simulations, which must be a profile's only simulation.</summary>
    public virtual bool IsIterationBounded => false;

    /// <summary>The most arrivals per second it asks for; 0 for a closed-model simulation or a pause.</summary>
    public virtual double PeakRatePerSecond => 0;

    /// <summary>
    /// Every problem with this simulation's own values, each naming the simulation's file, line and field
    /// (<c>{field}.{kind}.{key}</c>); empty when it can run. The profile's rules are <see cref="LoadSimulations"/>'.
    /// </summary>
    /// <param name="field">The simulation's dotted path, e.g. <c>load.simulations[0]</c>.</param>
    public abstract IEnumerable<ScenarioException> Validate(string field);

    /// <summary>The simulation as data for reports: its kind and its numbers, which each report words.</summary>
    public abstract SimulationInfo Describe();
}
