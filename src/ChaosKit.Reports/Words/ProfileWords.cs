using System.Globalization;
using ChaosKit.Core.Results;
using ChaosKit.Core.Scenarios;

namespace ChaosKit.Reports.Words;

/// <summary>
/// Puts a load profile into one line, e.g. <c>ramping_inject to 20 per 1s over 10s → keep_constant 5 copies for 30s</c>.
/// Every report words profiles here; a simulation kind this version does not know is shown with its numbers.
/// </summary>
public static class ProfileWords
{
    /// <summary>
    /// The run's profile: a one-request load's simulations as they are, workflows' each after its name
    /// (<c>ask: inject 5 per 1s for 40s; stream: …</c>); empty when there is none.
    /// </summary>
    public static string Of(IReadOnlyList<WorkflowProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        return profiles is [{ Workflow: LoadSpec.RequestWorkflowName } only]
            ? Of(only.Simulations)
            : string.Join("; ", profiles.Select(p => $"{p.Workflow}: {Of(p.Simulations)}"));
    }

    /// <summary>One profile: its simulations in the order they run.</summary>
    public static string Of(IReadOnlyList<SimulationInfo> simulations)
    {
        ArgumentNullException.ThrowIfNull(simulations);
        return string.Join(" → ", simulations.Select(Of));
    }

    /// <summary>One simulation.</summary>
    public static string Of(SimulationInfo simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        var s = simulation;
        return s.Kind switch
        {
            "inject" => $"inject {Num(s["rate"])} per {Span(s["interval_seconds"])} for {Span(s["during_seconds"])}",
            "ramping_inject" => $"ramping_inject to {Num(s["rate"])} per {Span(s["interval_seconds"])} over {Span(s["during_seconds"])}",
            "inject_random" => $"inject_random {Num(s["min_rate"])}–{Num(s["max_rate"])} per {Span(s["interval_seconds"])} for {Span(s["during_seconds"])}",
            "iterations_for_inject" => $"iterations_for_inject {Num(s["iterations"])} at {Num(s["rate"])} per {Span(s["interval_seconds"])}",
            "keep_constant" => $"keep_constant {Num(s["copies"])} copies for {Span(s["during_seconds"])}",
            "ramping_constant" => $"ramping_constant to {Num(s["copies"])} copies over {Span(s["during_seconds"])}",
            "iterations_for_constant" => $"iterations_for_constant {Num(s["iterations"])} on {Num(s["copies"])} copies",
            "pause" => $"pause {Span(s["during_seconds"])}",
            _ => s.Numbers.Count == 0 ? s.Kind : $"{s.Kind} {string.Join(", ", s.Numbers.Select(n => $"{n.Key} {Num(n.Value)}"))}",
        };
    }

    private static string Span(double seconds) =>
        !double.IsFinite(seconds) ? Format.Missing : seconds >= 1 ? $"{Num(seconds)}s" : $"{Num(seconds * 1000)}ms";

    private static string Num(double value) => !double.IsFinite(value) ? Format.Missing : value.ToString("0.###", CultureInfo.InvariantCulture);
}
