using System.Globalization;
using ChaosKit.Core.Loading;
using ChaosKit.Core.Results;
using ChaosKit.Core.Scenarios;

namespace ChaosKit.Reports.Words;

/// <summary>
/// Puts a fault (<see cref="FaultInfo"/>) into one line, e.g. <c>error (status 529) on claude, 100% of calls</c>.
/// Every report format and the console word faults here. The wording is generic, built from the data alone (the
/// kind, then its settings as written), so a new fault kind needs no change here.
/// </summary>
public static class FaultWords
{
    /// <summary>The line for <paramref name="fault"/>.</summary>
    public static string Of(FaultInfo fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var what = fault.Settings.Count == 0
            ? fault.Kind
            : $"{fault.Kind} ({string.Join(", ", fault.Settings.Select(s => $"{s.Key} {s.Value}"))})";
        var target = fault.Provider ?? "every provider";
        if (fault.Route is { } route) target += $" {route}";
        if (fault.Model is { } model) target += $" (model {model})";
        var rate = fault.Ramp is { } ramp
            ? $"{Percent(ramp.From)}→{Percent(fault.Rate)} of calls over {(ramp.OverSeconds is { } over ? Duration(over) : "the phase")}"
            : $"{Percent(fault.Rate)} of calls";
        if (fault.Flap is { } flap) rate += $", flapping {Duration(flap.OnSeconds)} on / {Duration(flap.OffSeconds)} off";
        return $"{what} on {target}, {rate}";
    }

    /// <summary>The line for the fault <paramref name="fault"/> declares.</summary>
    public static string Of(FaultSpec fault) => Of(FaultInfo.From(fault));

    private static string Percent(double rate) => (rate * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static string Duration(double seconds) => DurationParser.Format(TimeSpan.FromSeconds(seconds));
}
