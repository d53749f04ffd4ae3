using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using ChaosKit.Load.Execution;
using ChaosKit.Load.Measurement;
using ChaosKit.Load.Scheduling;
using ChaosKit.Load.Workflows;

namespace ChaosKit.Load;

/// <summary>
/// Stage two of a run: starts each workflow's iterations on its schedule (open or closed dispatcher, one executor per
/// workflow, one HTTP client for the run), then drains the requests still in flight, each bounded by its timeout.
/// Samples go to the sink; what the drive itself saw comes back as <see cref="LoadDrive"/>.
/// </summary>
internal sealed class LoadDriver(LoadPlan plan, LoadSpec spec, Uri baseUrl, RunClock clock, HttpMessageHandler? handler, ISampleSink sink)
{
    private ILoadDispatcher? _dispatcher;

    /// <summary>The running dispatcher, for the live view; <see langword="null"/> before the drive starts.</summary>
    public ILoadDispatcher? Dispatcher => Volatile.Read(ref _dispatcher);

    /// <summary>Runs every schedule to its end (or <paramref name="cancellationToken"/>) and drains.</summary>
    public async Task<LoadDrive> RunAsync(CancellationToken cancellationToken)
    {
        var timeline = clock.Timeline;
        using var runCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // load.timeout is a duration of the scenario like any other, so it follows the time scale.
        var timeout = timeline.Scale(spec.Timeout);
        using var client = LoadHttpClient.Create(handler, timeout);
        var exchange = new TimedExchange(client, timeout, clock, spec.CorrelationHeader);
        var executors = new List<IIterationExecutor>();
        var dispatchers = new List<ILoadDispatcher>();
        foreach (var lane in plan.Lanes)
        {
            var executor = new WorkflowExecutor(lane.Workflow, exchange, baseUrl, clock, sink);
            var workflow = lane.Workflow.Index;
            executors.Add(executor);
            dispatchers.Add(lane.Schedule.Open is { } schedule
                ? new OpenModelDispatcher(
                    schedule, clock, spec.MaxConcurrency, executor,
                    arrival => sink.Record(IterationSample.Dropped(arrival.Iteration, arrival.Offset, workflow)),
                    spec.Overload)
                : new ClosedModelDispatcher(lane.Schedule.Closed!, clock, executor));
        }
        var dispatcher = dispatchers.Count == 1 ? dispatchers[0] : new DispatcherGroup(dispatchers);
        Volatile.Write(ref _dispatcher, dispatcher);
        var cpu = CpuMeter.Start();

        var scheduleCompleted = await dispatcher.RunAsync(runCts.Token).ConfigureAwait(false);
        var cutoff = scheduleCompleted ? timeline.Duration : Clamp(clock.Elapsed, TimeSpan.Zero, timeline.Duration);

        // Graceful stop: each request in flight ends by its own timeout; the grace only covers a handler that ignores it.
        var drainLimit = timeout + LoadConstants.DrainGrace;
        var drainedInTime = await WaitAsync(dispatcher.Drained, drainLimit, clock.TimeProvider).ConfigureAwait(false);
        if (!drainedInTime)
        {
            await runCts.CancelAsync().ConfigureAwait(false);
            await WaitAsync(dispatcher.Drained, LoadConstants.AbandonGrace, clock.TimeProvider).ConfigureAwait(false);
        }
        var abandoned = executors.Sum(e => e.Abandoned) + (drainedInTime ? 0 : dispatcher.InFlight);
        return new LoadDrive(scheduleCompleted, cutoff, drainedInTime, drainLimit, abandoned, cpu.Share(), dispatcher);
    }

    private static async Task<bool> WaitAsync(Task task, TimeSpan limit, TimeProvider time)
    {
        try
        {
            await task.WaitAsync(limit, time).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;
}

/// <summary>What a drive saw: how far the schedules got, how the drain went, and how the dispatchers kept up.</summary>
/// <param name="ScheduleCompleted">True when every schedule ran to its end; false when the run was cancelled.</param>
/// <param name="Cutoff">Run time the measurements cover: the timeline, or up to the cancel.</param>
/// <param name="DrainedInTime">True when every request in flight ended within <paramref name="DrainLimit"/>.</param>
/// <param name="DrainLimit">How long the drain waited: the timeout plus a grace.</param>
/// <param name="Abandoned">Requests cancelled by the run before they ended, counted in no outcome.</param>
/// <param name="CpuShare">The process's CPU time over the drive as a share of every core (0–1).</param>
/// <param name="Dispatcher">The dispatchers, as one, for their counts.</param>
internal sealed record LoadDrive(
    bool ScheduleCompleted, TimeSpan Cutoff, bool DrainedInTime, TimeSpan DrainLimit, long Abandoned, double CpuShare, ILoadDispatcher Dispatcher)
{
    /// <summary>True when the whole schedule ran and every started request ended.</summary>
    public bool Completed => ScheduleCompleted && DrainedInTime && Abandoned == 0;
}
