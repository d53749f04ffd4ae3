using ChaosKit.Core.Scenarios;

namespace ChaosKit.Core.Results;

/// <summary>
/// A fault of a phase as data, as the scenario declared it: the wrapper's fields (kind, provider, rate and how it
/// moves, route and model filters) and the kind's own settings as written. Reports and consoles put it into words
/// (<c>FaultWords</c>), so a comparison or another tool can reason about it; nothing here needs the fakes that inject it.
/// </summary>
/// <param name="Kind">Fault kind, e.g. <c>error</c>.</param>
/// <param name="Provider">The provider it hits; <see langword="null"/> for every provider.</param>
/// <param name="Rate">Share of matching calls it hits, 0–1 (the end value of a ramp).</param>
/// <param name="Settings">The kind's own settings as written in the scenario, in file order, e.g. <c>status</c> → <c>529</c>.</param>
public sealed record FaultInfo(string Kind, string? Provider, double Rate, IReadOnlyDictionary<string, string> Settings)
{
    /// <summary>Only calls to this route (<c>POST /v1/messages</c> or <c>/v1/messages</c>); <see langword="null"/> for every route.</summary>
    public string? Route { get; init; }

    /// <summary>Only calls for this model (a trailing <c>*</c> matches a prefix); <see langword="null"/> for every model.</summary>
    public string? Model { get; init; }

    /// <summary>How the rate ramps up within the phase; <see langword="null"/> when it holds steady.</summary>
    public FaultRamp? Ramp { get; init; }

    /// <summary>How the fault switches on and off within the phase; <see langword="null"/> when it does not flap.</summary>
    public FaultFlap? Flap { get; init; }

    /// <summary>The fault <paramref name="fault"/> declares, as data.</summary>
    public static FaultInfo From(FaultSpec fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var timing = fault.Timing;
        return new FaultInfo(fault.Kind, fault.Provider, fault.Rate, fault.Settings.Written)
        {
            Route = fault.Route,
            Model = fault.Model,
            Ramp = timing.RampFrom is { } from ? new FaultRamp(from, timing.RampOver?.TotalSeconds) : null,
            Flap = timing is { FlapOn: { } on, FlapOff: { } off } ? new FaultFlap(on.TotalSeconds, off.TotalSeconds) : null,
        };
    }
}

/// <summary>A rate that ramps linearly from the phase start to <see cref="FaultInfo.Rate"/>.</summary>
/// <param name="From">The rate at the phase start, 0–1.</param>
/// <param name="OverSeconds">How long the ramp takes, in the scenario's seconds (before any time scale); <see langword="null"/> over the whole phase.</param>
public sealed record FaultRamp(double From, double? OverSeconds);

/// <summary>A fault that is on for a while, then off for a while, from the phase start.</summary>
/// <param name="OnSeconds">Each "on" stretch, in the scenario's seconds (before any time scale).</param>
/// <param name="OffSeconds">Each "off" stretch, in the scenario's seconds.</param>
public sealed record FaultFlap(double OnSeconds, double OffSeconds);
