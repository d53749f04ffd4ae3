using ChaosKit.Core.Results;
using ChaosKit.Core.Scenarios;

namespace ChaosKit.Load;

/// <summary>
/// Stage four of a run: what the reader should know about how the run went, as <see cref="RunWarning"/> data (a slow
/// drain, abandoned requests, a generator that fell behind or ran out of CPU, drops, starts over the cap,
/// iterations the timeline could not hold). The reports word them.
/// </summary>
internal static class LoadDiagnosis
{
    /// <summary>The warnings of a run that drove <paramref name="drive"/> and measured <paramref name="overall"/>.</summary>
    public static IReadOnlyList<RunWarning> Warnings(LoadDrive drive, PhaseStats overall, LoadSpec spec, LoadPlan plan)
    {
        var warnings = new List<RunWarning>();
        // A run stopped early is not a warning: the run's completion (cancelled, target died) says how and when.
        if (!drive.DrainedInTime)
            warnings.Add(RunWarning.Of(RunWarningCodes.DrainTimedOut, ("limit_seconds", drive.DrainLimit.TotalSeconds)));
        if (drive.Abandoned > 0)
            warnings.Add(RunWarning.Of(RunWarningCodes.RequestsAbandoned, ("requests", drive.Abandoned)));

        var dispatchP99 = overall.DispatchDelay.P99Ms;
        var dispatchLimit = LoadConstants.DispatchDelayWarning.TotalMilliseconds;
        if (overall.DispatchDelay.Count > 0 && dispatchP99 > dispatchLimit)
            warnings.Add(RunWarning.Of(RunWarningCodes.DispatchDelayHigh, ("p99_ms", dispatchP99), ("limit_ms", dispatchLimit)));

        var dispatcher = drive.Dispatcher;
        var arrived = dispatcher.Arrived;
        var late = dispatcher.LateArrivals;
        if (arrived > 0 && late > arrived * LoadConstants.LateArrivalShareWarning)
            warnings.Add(RunWarning.Of(RunWarningCodes.ArrivalsLate,
                ("late", late), ("arrived", arrived), ("limit_ms", dispatchLimit), ("worst_ms", dispatcher.MaxLag.TotalMilliseconds)));

        if (overall.Outcomes.Dropped > 0)
            warnings.Add(RunWarning.Of(RunWarningCodes.ArrivalsDropped,
                ("dropped", overall.Outcomes.Dropped), ("scheduled", overall.Outcomes.Scheduled), ("max_concurrency", spec.MaxConcurrency)));
        if (dispatcher.OverCapStarts > 0)
            warnings.Add(RunWarning.Of(RunWarningCodes.OverCapStarts,
                ("over_cap", dispatcher.OverCapStarts), ("arrived", arrived), ("max_concurrency", spec.MaxConcurrency), ("peak_in_flight", dispatcher.PeakInFlight)));
        if (plan.CutIterations > 0)
            warnings.Add(RunWarning.Of(RunWarningCodes.IterationsNotScheduled, ("iterations", plan.CutIterations)));
        if (drive.CpuShare > LoadConstants.CpuShareWarning)
            warnings.Add(RunWarning.Of(RunWarningCodes.GeneratorCpuBound, ("cpu_share", drive.CpuShare), ("processors", Environment.ProcessorCount)));
        return warnings;
    }
}
