using ChaosKit.Core.Scenarios;

namespace ChaosKit.Fakes.Faults;

/// <summary>How the catalog builds one fault kind from its settings; every fault file exposes one.</summary>
/// <param name="Kind">The kind as scenarios write it, e.g. <c>latency</c>.</param>
/// <param name="Settings">Every setting the kind reads, for "did you mean" hints; any other setting is rejected.</param>
/// <param name="Create">
/// Reads the settings into a fault; throws <see cref="ScenarioException"/> on bad values. The catalog then rejects any
/// setting it did not read.
/// </param>
internal sealed record FaultRegistration(string Kind, IReadOnlyCollection<string> Settings, Func<FaultSettings, IFault> Create);
