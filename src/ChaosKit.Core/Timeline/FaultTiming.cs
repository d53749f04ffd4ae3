namespace ChaosKit.Core.Timeline;

/// <summary>
/// How a fault's rate moves within its phase: steady, ramping linearly (<c>rate: { from: 0, to: 1 }</c> or
/// <c>ramp: 4m</c>), and/or flapping on and off (<c>flap: { on: 10s, off: 20s }</c>). Durations are the scenario's,
/// before any time scale; callers pass the time since the phase started on the same unscaled footing.
/// </summary>
/// <remarks>
/// The timing only moves the rate; the dice stay the seeded per-call roll, so a replay with the same arrivals hits
/// the same calls.
/// </remarks>
public sealed record FaultTiming
{
    /// <summary>A rate that holds for the whole phase.</summary>
    public static FaultTiming Steady { get; } = new();

    /// <summary>The rate at the start of the ramp; <see langword="null"/> when the rate does not ramp.</summary>
    public double? RampFrom { get; init; }

    /// <summary>How long the ramp takes from the phase start; <see langword="null"/> ramps over the whole phase.</summary>
    public TimeSpan? RampOver { get; init; }

    /// <summary>How long each "on" stretch of a flapping fault lasts; <see langword="null"/> when it does not flap.</summary>
    public TimeSpan? FlapOn { get; init; }

    /// <summary>How long each "off" stretch lasts (the fault does nothing then).</summary>
    public TimeSpan? FlapOff { get; init; }

    /// <summary>True when the rate never moves.</summary>
    public bool IsSteady => RampFrom is null && FlapOn is null;

    /// <summary>The rate to roll against at <paramref name="sincePhaseStart"/>.</summary>
    /// <param name="rate">The declared rate (the ramp's end value).</param>
    /// <param name="sincePhaseStart">Unscaled time since the phase began.</param>
    /// <param name="phaseLength">Unscaled phase length, the default ramp length.</param>
    public double RateAt(double rate, TimeSpan sincePhaseStart, TimeSpan phaseLength)
    {
        if (sincePhaseStart < TimeSpan.Zero) sincePhaseStart = TimeSpan.Zero;
        if (FlapOn is { } on && FlapOff is { } off)
        {
            // Cycles start "on" at the phase start: on, off, on, off, ...
            var cycle = on + off;
            if (cycle > TimeSpan.Zero && sincePhaseStart.Ticks % cycle.Ticks >= on.Ticks) return 0;
        }
        if (RampFrom is not { } from) return rate;
        var over = RampOver ?? phaseLength;
        var progress = over <= TimeSpan.Zero ? 1 : Math.Clamp(sincePhaseStart / over, 0, 1);
        return from + (rate - from) * progress;
    }
}
