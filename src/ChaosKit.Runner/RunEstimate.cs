using System.Globalization;
using ChaosKit.Core.Loading;
using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using ChaosKit.Fakes.Journal;

namespace ChaosKit.Runner;

/// <summary>
/// What a run will ask of the machine, read from the scenario before anything starts: how many iterations the open
/// model schedules on the scaled timeline, and the disk its journal and reports need. Each figure is an upper bound
/// for the open model (every workflow at its peak rate the whole time) and assumes one provider call per step; a
/// closed model's iterations depend on the target's speed and are not counted.
/// </summary>
internal sealed record RunEstimate(double MostArrivalsOfOneWorkflow, double ProviderCalls, TimeSpan Timeline)
{
    /// <summary>Room kept for the reports whatever the run's length: result.json, report.html, junit.xml, report.md.</summary>
    private const long ReportBaseBytes = 8L << 20;

    /// <summary>Each second of the run adds a row to the per-second series of result.json and report.html.</summary>
    private const long ReportBytesPerSecond = 2L << 10;

    /// <summary>Reads the load of <paramref name="scenario"/> against its <paramref name="timeline"/>, time scale applied.</summary>
    public static RunEstimate Of(Scenario scenario, RunTimeline timeline)
    {
        var load = scenario.Load ?? throw new InvalidOperationException("A run needs the scenario's load.");
        var seconds = timeline.Duration.TotalSeconds;
        // Rates do not scale with the time scale; the time they run for does.
        var workflows = load.Workflows.Count > 0
            ? load.Workflows.Select(w => (Arrivals: w.RatePerSecond * seconds, Steps: w.Steps.Count)).ToList()
            : [(Arrivals: load.RatePerSecond * seconds, Steps: 1)];
        return new RunEstimate(workflows.Max(w => w.Arrivals), workflows.Sum(w => w.Arrivals * w.Steps), timeline.Duration);
    }

    /// <summary>The journal's size on disk: the provider calls' lines, up to <paramref name="limitBytes"/> (0: no journal).</summary>
    public long JournalBytes(long limitBytes) =>
        limitBytes <= 0 ? 0 : (long)Math.Min(limitBytes, ProviderCalls * JournalLimits.BytesPerCall);

    /// <summary>Room for the reports, kept free in the output folder while the run goes (<see cref="OutputFolder"/>).</summary>
    public long ReportBytes => ReportBaseBytes + (long)(Timeline.TotalSeconds * ReportBytesPerSecond);

    /// <summary>
    /// Why the time scale makes the load too big to plan, or <see langword="null"/>. The loader checks each profile
    /// against the scenario's own timeline; a time scale above 1 stretches that timeline, and the iterations with it.
    /// </summary>
    public string? TooManyArrivals(double timeScale) => MostArrivalsOfOneWorkflow <= LoadSimulations.MaxArrivals ? null
        : string.Create(CultureInfo.InvariantCulture,
            $"--time-scale {timeScale} stretches the timeline to {DurationParser.Format(Timeline)}, in which the load could schedule {MostArrivalsOfOneWorkflow:0} iterations; the limit is {LoadSimulations.MaxArrivals}; use a smaller time scale");
}
