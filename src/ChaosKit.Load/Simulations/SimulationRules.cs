using System.Globalization;
using ChaosKit.Core.Scenarios;

namespace ChaosKit.Load.Simulations;

/// <summary>
/// What the simulation kinds share: the default interval, the checks of a rate, a length, a number of copies and an
/// iteration count (worded the same for every kind), and the arithmetic of laying a segment out on the run's time
/// (scaling goes through <see cref="ChaosKit.Core.Timeline.RunTimeline.Scale"/>).
/// </summary>
internal static class SimulationRules
{
    /// <summary>The <c>interval</c> a rate counts over when the scenario gives none.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(1);

    /// <summary>A rate per <paramref name="interval"/>: finite, not negative (nor 0 unless allowed), at most the limit a second.</summary>
    public static IEnumerable<ScenarioException> Rate(LoadSimulation s, string field, string key, double rate, TimeSpan interval, bool allowZero)
    {
        if (!double.IsFinite(rate) || rate < 0 || (!allowZero && rate == 0))
            yield return Problem(s, field, key, $"the rate must be {(allowZero ? "0 or more" : "more than 0")}, not {Num(rate)}");
        if (interval > TimeSpan.Zero && rate / interval.TotalSeconds > LoadSimulations.MaxRatePerSecond)
            yield return Problem(s, field, key,
                $"{Num(rate)} per {interval} is {Num(rate / interval.TotalSeconds)} a second; the limit is {Num(LoadSimulations.MaxRatePerSecond)}");
    }

    /// <summary>A lower bound (<paramref name="key"/>) that must not exceed its upper bound (<paramref name="upperKey"/>).</summary>
    public static IEnumerable<ScenarioException> NotAbove(LoadSimulation s, string field, string key, double value, string upperKey, double upper)
    {
        if (value > upper) yield return Problem(s, field, key, $"{Num(value)} is above {upperKey} {Num(upper)}");
    }

    /// <summary>A length that must be longer than zero.</summary>
    public static IEnumerable<ScenarioException> Positive(LoadSimulation s, string field, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero) yield return Problem(s, field, key, $"must be longer than 0s, not {value}");
    }

    /// <summary>A number of copies from <paramref name="min"/> to the limit.</summary>
    public static IEnumerable<ScenarioException> Copies(LoadSimulation s, string field, int copies, int min)
    {
        if (copies < min || copies > LoadSimulations.MaxCopies)
            yield return Problem(s, field, "copies", $"must be between {min} and {LoadSimulations.MaxCopies}, not {copies}");
    }

    /// <summary>An iteration count of at least one.</summary>
    public static IEnumerable<ScenarioException> Iterations(LoadSimulation s, string field, long iterations)
    {
        if (iterations < 1) yield return Problem(s, field, "iterations", $"must be at least 1, not {iterations}");
    }

    /// <summary><paramref name="duration"/>, but no longer than <paramref name="limit"/> (and never negative).</summary>
    public static TimeSpan Cut(TimeSpan duration, TimeSpan limit) =>
        duration < limit ? duration : limit > TimeSpan.Zero ? limit : TimeSpan.Zero;

    /// <summary>
    /// The number of arrivals whose offset falls before <paramref name="end"/>: starts from the analytic
    /// <paramref name="estimate"/> and settles the floating-point edge with the same <paramref name="offsetOf"/> the
    /// schedule uses, so the count and the offsets always agree.
    /// </summary>
    public static long CountBefore(double estimate, Func<long, TimeSpan> offsetOf, TimeSpan end)
    {
        if (end <= TimeSpan.Zero) return 0;
        var count = (long)Math.Max(0, Math.Min(Math.Ceiling(estimate), LoadSimulations.MaxArrivals + 1));
        while (count > 0 && offsetOf(count - 1) >= end) count--;
        while (count <= LoadSimulations.MaxArrivals && offsetOf(count) < end) count++;
        return count;
    }

    private static ScenarioException Problem(LoadSimulation s, string field, string key, string problem) =>
        new(s.Location, $"{field}.{s.Kind}.{key}", problem);

    private static string Num(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
