using ChaosKit.Core.Timeline;

namespace ChaosKit.Core.Scenarios;

/// <summary>
/// A fault as the scenario declares it: the shared wrapper (kind, provider, rate and its timing, route and model
/// filters) plus the kind's own settings, read later by the fault type that owns the kind.
/// </summary>
/// <remarks>
/// Probability lives here, in the wrapper, and nowhere in the fault implementations: a fault only says what
/// happens to a request once the dice have chosen it.
/// </remarks>
/// <param name="Kind">Registered fault kind, e.g. <c>error</c> or <c>latency</c>.</param>
/// <param name="Provider">Provider name the fault applies to, or <see langword="null"/> for every provider.</param>
/// <param name="Rate">Share of matching requests the fault hits, from 0 to 1 (the end value of a ramp).</param>
/// <param name="Settings">Kind-specific settings.</param>
/// <param name="Location">Where the fault was declared.</param>
public sealed record FaultSpec(string Kind, string? Provider, double Rate, FaultSettings Settings, SourceLocation Location)
{
    /// <summary>The keys every fault takes; any other key of a fault is a setting of its kind.</summary>
    public static IReadOnlyList<string> WrapperKeys { get; } = ["kind", "provider", "rate", "ramp", "flap", "route", "model"];

    /// <summary>How the rate moves within the phase; <see cref="FaultTiming.Steady"/> by default.</summary>
    public FaultTiming Timing { get; init; } = FaultTiming.Steady;

    /// <summary>
    /// Only calls to this route: the route as the journal names it (<c>POST /v1/messages</c>) or its path alone
    /// (<c>/v1/messages</c>); <see langword="null"/> for every route.
    /// </summary>
    public string? Route { get; init; }

    /// <summary>Only calls for this model; a trailing <c>*</c> matches a prefix (<c>claude-opus-*</c>). <see langword="null"/> for every model.</summary>
    public string? Model { get; init; }

    /// <summary>True when a call to <paramref name="route"/> for <paramref name="model"/> passes the route and model filters.</summary>
    public bool Matches(string route, string? model)
    {
        if (Route is { } wanted && !string.Equals(route, wanted, StringComparison.OrdinalIgnoreCase)
            && !route.EndsWith(" " + wanted, StringComparison.OrdinalIgnoreCase))
            return false;
        if (Model is not { } pattern) return true;
        if (model is null) return false;
        return pattern.EndsWith('*')
            ? model.StartsWith(pattern[..^1], StringComparison.Ordinal)
            : string.Equals(model, pattern, StringComparison.Ordinal);
    }
}
