namespace ChaosKit.Core.Scenarios;

/// <summary>
/// A fault as the scenario declares it: the shared wrapper (kind, provider, rate) plus the kind's own settings,
/// read later by the fault type that owns the kind.
/// </summary>
/// <remarks>
/// Probability lives here, in the wrapper, and nowhere in the fault implementations: a fault only says what
/// happens to a request once the dice have chosen it.
/// </remarks>
/// <param name="Kind">Registered fault kind, e.g. <c>error</c> or <c>latency</c>.</param>
/// <param name="Provider">Provider name the fault applies to, or <see langword="null"/> for every provider.</param>
/// <param name="Rate">Share of matching requests the fault hits, from 0 to 1.</param>
/// <param name="Settings">Kind-specific settings.</param>
/// <param name="Location">Where the fault was declared.</param>
public sealed record FaultSpec(string Kind, string? Provider, double Rate, FaultSettings Settings, SourceLocation Location);
