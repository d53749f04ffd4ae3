namespace ChaosKit.Core.Scenarios;

/// <summary>A stretch of the timeline with a fixed set of active faults.</summary>
/// <param name="Name">Phase name shown in tables, charts and expectations (e.g. <c>outage</c>).</param>
/// <param name="Duration">How long the phase lasts, before any time scale.</param>
/// <param name="Faults">Faults active during the phase; empty means healthy.</param>
/// <param name="Location">Where the phase was declared.</param>
public sealed record PhaseSpec(string Name, TimeSpan Duration, IReadOnlyList<FaultSpec> Faults, SourceLocation Location);
