using System.Globalization;
using ChaosKit.Core.Scenarios;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// What a connection fault's wrapper may say: it acts before any request is read, so <c>route</c> and <c>model</c>
/// cannot narrow it, and a fault that closes the port holds for every connection (rate 1, no ramp).
/// </summary>
internal static class ConnectionFaultRules
{
    /// <summary>Checks <paramref name="spec"/>, whose fault is <paramref name="fault"/>.</summary>
    /// <exception cref="ScenarioException">The wrapper asks for something a connection fault cannot do.</exception>
    public static void Check(FaultSpec spec, IConnectionFault fault)
    {
        if (spec.Route is not null || spec.Model is not null)
        {
            var key = spec.Route is not null ? "route" : "model";
            throw new ScenarioException(spec.Location, FieldOf(spec, key),
                $"{spec.Kind} acts when a connection is accepted, before any request is read, so {key} cannot narrow it; " +
                $"remove {key}, or use reset or hang for single routes");
        }
        if (!fault.ClosesPort || (spec.Rate == 1 && spec.Timing.RampFrom is null)) return;
        var got = spec.Timing.RampFrom is { } from
            ? $"a ramp from {from.ToString(CultureInfo.InvariantCulture)}"
            : spec.Rate.ToString(CultureInfo.InvariantCulture);
        throw new ScenarioException(spec.Location, FieldOf(spec, "rate"),
            $"{spec.Kind} closes the port for every connection, so its rate must be 1 (got {got}); " +
            "remove the rate, use flap for on/off stretches, or reset_on_accept for a share of connections");
    }

    private static string FieldOf(FaultSpec spec, string key) =>
        spec.Settings.FieldPath.Length == 0 ? key : $"{spec.Settings.FieldPath}.{key}";
}
