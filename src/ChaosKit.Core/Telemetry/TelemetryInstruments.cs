using System.Diagnostics.Metrics;
using System.Reflection;

namespace ChaosKit.Core.Telemetry;

/// <summary>What the fakes' and the load engine's instruments share: their version, and how a duration is recorded.</summary>
public static class TelemetryInstruments
{
    /// <summary>
    /// Bucket boundaries for a duration in seconds: OpenTelemetry's advice for HTTP durations (5 ms to 10 s), stretched
    /// to two minutes, since an outage holds calls far longer than a healthy API answers them.
    /// </summary>
    public static IReadOnlyList<double> SecondsBuckets { get; } =
        [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 20, 30, 60, 120];

    /// <summary>The version an <c>ActivitySource</c> or <c>Meter</c> of <paramref name="assembly"/> reports: the assembly's.</summary>
    public static string VersionOf(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return assembly.GetName().Version?.ToString() ?? "0.0.0";
    }

    /// <summary>A histogram of durations in seconds on <paramref name="meter"/>, advising <see cref="SecondsBuckets"/>.</summary>
    public static Histogram<double> CreateSecondsHistogram(this Meter meter, string name, string description)
    {
        ArgumentNullException.ThrowIfNull(meter);
        return meter.CreateHistogram(name, "s", description, tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
    }
}
