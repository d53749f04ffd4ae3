namespace ChaosKit.Core.Scenarios;

/// <summary>
/// The fault kinds a host knows how to inject. The scenario loader asks it to check each fault's kind-specific
/// settings, so <c>chaoskit validate</c> catches a bad setting before anything starts; the fakes implement it.
/// </summary>
public interface IFaultCatalog
{
    /// <summary>Registered fault kinds, e.g. <c>error</c> and <c>latency</c>.</summary>
    IReadOnlyCollection<string> Kinds { get; }

    /// <summary>
    /// Checks <paramref name="fault"/>'s settings; throws <see cref="ScenarioException"/> at the offending value. The
    /// loader calls it only for a fault of a known kind whose shared keys (rate, ramp, flap, provider) read cleanly,
    /// and has checked those keys itself.
    /// </summary>
    void Validate(FaultSpec fault);
}
