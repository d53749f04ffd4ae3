using ChaosKit.Core.Results;
using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using ChaosKit.Load.Execution;
using ChaosKit.Load.Measurement;
using ChaosKit.Load.Requests;
using ChaosKit.Load.Scheduling;
using ChaosKit.Load.Simulations;
using ChaosKit.Load.Workflows;

namespace ChaosKit.Load;

/// <summary>
/// Drives a scenario's load at the target along the run clock: an NBomber-style profile of simulations (by default
/// one constant-rate <c>inject</c> over the whole timeline), open or closed model; in the open model, arrivals over
/// the concurrency cap are dropped and counted (or, with <c>overload: grow</c>, started and counted), and every
/// request is timed from its scheduled start (wrk2-style) as well as from its actual send. One instance runs once.
/// </summary>
/// <remarks>
/// <para>Usage: create it (this validates the spec and renders nothing yet), start the clock, then <see cref="RunAsync"/>.
/// If the clock is not started when <see cref="RunAsync"/> begins, <see cref="RunAsync"/> starts it.</para>
/// <para>Each iteration is filed under the phase and the second its <em>scheduled</em> start falls in (for the closed
/// model: its actual start), so a request sent during an outage counts for the outage even if it ends after it.</para>
/// </remarks>
public sealed class LoadRunner
{
    private readonly LoadSpec _spec;
    private readonly Uri _baseUrl;
    private readonly RunClock _clock;
    private readonly HttpMessageHandler? _handler;
    private readonly RequestRenderer? _renderer;
    private readonly Lane[] _lanes;
    private readonly LoadAggregator _aggregator;
    private readonly StepAggregator? _steps;
    private readonly StepLiveTally? _liveSteps;
    private ILoadDispatcher? _dispatcher;
    private int _started;
    private long _finishedElapsedTicks = -1;

    /// <summary>
    /// Prepares a run of <paramref name="spec"/> against <paramref name="targetBaseUrl"/>: validates the spec and warms
    /// the request renderer (a few milliseconds), so construct it before starting the clock.
    /// </summary>
    /// <param name="spec">Rate, cap, timeout, request and fallback marker.</param>
    /// <param name="seed">The scenario seed; iteration <c>i</c>'s request data and trace id derive from it.</param>
    /// <param name="targetBaseUrl">Absolute base URL of the application under test; the request path is appended to it.</param>
    /// <param name="clock">The run clock shared with the fakes; its timeline sets the run's length and phases.</param>
    /// <param name="handler">
    /// HTTP handler to send through (tests, custom TLS); it is not disposed. By default a tuned
    /// <see cref="SocketsHttpHandler"/> is created per run and disposed after it.
    /// </param>
    /// <remarks>The spec is taken as the scenario loader validated it: rate, cap and timeout are not checked again.</remarks>
    /// <exception cref="ScenarioException">The spec cannot run: bad method, path, header or Bogus expression.</exception>
    public LoadRunner(LoadSpec spec, int seed, Uri targetBaseUrl, RunClock clock, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(targetBaseUrl);
        ArgumentNullException.ThrowIfNull(clock);
        if (!targetBaseUrl.IsAbsoluteUri || (targetBaseUrl.Scheme != Uri.UriSchemeHttp && targetBaseUrl.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"The target base URL must be an absolute http or https URL, not '{targetBaseUrl}'.", nameof(targetBaseUrl));

        _spec = spec;
        _baseUrl = targetBaseUrl;
        _clock = clock;
        _handler = handler;
        var timeline = clock.Timeline;
        // The shorthand's inject lasts the scenario's timeline; the plan scales it and cuts it at the scaled end.
        var unscaled = timeline.ScenarioDuration;
        _aggregator = new LoadAggregator(clock.Timeline);
        if (spec.Workflows.Count == 0)
        {
            _renderer = new RequestRenderer(spec.Request, seed);
            _renderer.Prewarm(targetBaseUrl);
            var plan = Plan(SimulationPlan.Effective(spec.Simulations, spec.RatePerSecond, unscaled, spec.Location), spec.Simulations.Count == 0 ? "load.rate" : "load.simulations", spec.Location, seed);
            _lanes = [new Lane(plan, null, null)];
        }
        else
        {
            _lanes = [.. spec.Workflows.Select((w, i) =>
            {
                var workflow = new CompiledWorkflow(w, i, seed, spec.Fallback);
                var field = $"load.workflows[{i}].{(w.Simulations.Count == 0 ? "rate" : "simulations")}";
                return new Lane(Plan(SimulationPlan.Effective(w.Simulations, w.RatePerSecond, unscaled, w.Location), field, w.Location, workflow.Seed), workflow, new LoadAggregator(clock.Timeline));
            })];
            IReadOnlyList<(string, IReadOnlyList<string>)> stepNames = [.. spec.Workflows.Select(w => (w.Name, (IReadOnlyList<string>)[.. w.Steps.Select(s => s.Name)]))];
            _steps = new StepAggregator(timeline, stepNames);
            _liveSteps = new StepLiveTally(stepNames);
            IterationRandom.Prewarm(Environment.ProcessorCount);
        }
    }

    private SimulationPlan Plan(IReadOnlyList<LoadSimulation> simulations, string field, SourceLocation location, int seed)
    {
        var timeline = _clock.Timeline;
        try
        {
            return SimulationPlan.Create(simulations, timeline.Duration, timeline.TimeScale, seed);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new ScenarioException(location, field, ex.Message.Split(Environment.NewLine)[0]);
        }
    }

    /// <summary>
    /// Checks that every request of <paramref name="spec"/> can be sent (the one-request template, or every workflow
    /// step's template, variable and check), trying each Bogus expression once, without running anything.
    /// </summary>
    /// <exception cref="ScenarioException">Names the field and what to change.</exception>
    public static void Validate(LoadSpec spec, int seed)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Workflows.Count == 0)
        {
            _ = new RequestRenderer(spec.Request, seed);
            return;
        }
        for (var i = 0; i < spec.Workflows.Count; i++) _ = new CompiledWorkflow(spec.Workflows[i], i, seed, spec.Fallback);
    }

    /// <summary>One schedule of iterations: the one-request load, or one workflow with its own aggregate.</summary>
    private sealed record Lane(SimulationPlan Plan, CompiledWorkflow? Workflow, LoadAggregator? Own);

    /// <summary>
    /// How many iterations the schedule will start (or drop) over the whole timeline: exact for an open profile and for
    /// <c>iterations_for_constant</c>; 0 for other closed profiles, whose count depends on how fast the target answers.
    /// </summary>
    public long PlannedIterations => _lanes.Sum(l => l.Plan.Open?.Count ?? l.Plan.Closed?.IterationBudget ?? 0);

    /// <summary>The load model the profile uses.</summary>
    public LoadModel Model => _lanes[0].Plan.Open is null ? LoadModel.Closed : LoadModel.Open;

    /// <summary>
    /// Live counts for a console; cheap enough to call every 250 ms from any thread, before, during and after the run.
    /// </summary>
    public LoadProgress Snapshot()
    {
        if (!_clock.IsStarted) return LoadProgress.NotStarted;
        var finished = Interlocked.Read(ref _finishedElapsedTicks);
        var elapsed = finished >= 0 ? TimeSpan.FromTicks(finished) : _clock.Elapsed;
        if (elapsed < TimeSpan.Zero) elapsed = TimeSpan.Zero;
        var dispatcher = Volatile.Read(ref _dispatcher);
        var (outcomes, recentPerSecond, recentP95) = _aggregator.Live(elapsed);
        return new LoadProgress(
            elapsed,
            _clock.Timeline.PhaseAt(elapsed)?.Name,
            dispatcher?.Arrived ?? 0,
            outcomes.Ok,
            outcomes.Fallback,
            outcomes.Failed,
            outcomes.Timeout,
            outcomes.Error,
            outcomes.Dropped,
            dispatcher?.InFlight ?? 0,
            recentPerSecond,
            recentP95)
        {
            Steps = _liveSteps?.Snapshot(elapsed) ?? [],
        };
    }

    /// <summary>
    /// Runs the whole schedule, then waits for the requests still in flight (each bounded by the timeout), and
    /// returns what was measured. Starts the clock if the caller has not.
    /// </summary>
    /// <param name="cancellationToken">
    /// Stops the run early (Ctrl+C): no more arrivals, in-flight requests cancelled and not counted, and everything
    /// measured until then returned with <see cref="LoadMeasurements.Completed"/> false. It never throws for cancellation.
    /// </param>
    /// <exception cref="InvalidOperationException">The runner has already run.</exception>
    public async Task<LoadMeasurements> RunAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
            throw new InvalidOperationException("A LoadRunner runs once; create a new one for another run.");
        if (!_clock.IsStarted) _clock.Start();

        var timeline = _clock.Timeline;
        var time = _clock.TimeProvider;
        using var runCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var client = LoadHttpClient.Create(_handler, _spec.Timeout);
        var exchange = new TimedExchange(client, _spec.Timeout, _clock, _spec.CorrelationHeader);
        var executors = new List<IIterationExecutor>();
        var dispatchers = new List<ILoadDispatcher>();
        IStepSink? stepSink = _steps is null ? null : new StepTeeSink(_steps, _liveSteps!);
        foreach (var lane in _lanes)
        {
            ISampleSink sink = lane.Own is null ? _aggregator : new TeeSink(_aggregator, lane.Own);
            IIterationExecutor executor = lane.Workflow is { } workflow
                ? new WorkflowExecutor(workflow, exchange, _baseUrl, _clock, sink, stepSink!)
                : new HttpIterationExecutor(exchange, _renderer!, _baseUrl, _spec.Fallback, sink);
            executors.Add(executor);
            dispatchers.Add(lane.Plan.Open is { } schedule
                ? new OpenModelDispatcher(
                    schedule, _clock, _spec.MaxConcurrency, executor,
                    arrival => sink.Record(IterationSample.Dropped(arrival.Iteration, arrival.Offset)),
                    _spec.Overload)
                : new ClosedModelDispatcher(lane.Plan.Closed!, _clock, executor));
        }
        ILoadDispatcher dispatcher = dispatchers.Count == 1 ? dispatchers[0] : new DispatcherGroup(dispatchers);
        Volatile.Write(ref _dispatcher, dispatcher);
        var cpu = CpuMeter.Start();

        var scheduleCompleted = await dispatcher.RunAsync(runCts.Token).ConfigureAwait(false);
        var cutoff = scheduleCompleted ? timeline.Duration : Clamp(_clock.Elapsed, TimeSpan.Zero, timeline.Duration);

        // Graceful stop: each request in flight ends by its own timeout; the grace only covers a handler that ignores it.
        var drainLimit = _spec.Timeout + LoadConstants.DrainGrace;
        var drainedInTime = await WaitAsync(dispatcher.Drained, drainLimit, time).ConfigureAwait(false);
        if (!drainedInTime)
        {
            await runCts.CancelAsync().ConfigureAwait(false);
            await WaitAsync(dispatcher.Drained, LoadConstants.AbandonGrace, time).ConfigureAwait(false);
        }
        _aggregator.Seal();
        _steps?.Seal();
        _liveSteps?.Seal();
        foreach (var lane in _lanes) lane.Own?.Seal();
        var duration = _clock.Elapsed;
        Interlocked.Exchange(ref _finishedElapsedTicks, duration.Ticks);

        var (phases, overall, seconds) = _aggregator.Build(cutoff);
        var abandoned = executors.Sum(e => e.Abandoned) + (drainedInTime ? 0 : dispatcher.InFlight);
        var warnings = Warnings(scheduleCompleted, cutoff, drainedInTime, drainLimit, abandoned, overall, dispatcher);
        if (cpu.Share() is var share and > LoadConstants.CpuShareWarning)
            warnings.Add(RunWarning.Of(RunWarningCodes.GeneratorCpuBound, ("cpu_share", share), ("processors", Environment.ProcessorCount)));
        var completed = scheduleCompleted && drainedInTime && abandoned == 0;
        var measurements = new LoadMeasurements(phases, overall, seconds, warnings, completed, duration);
        if (_steps is null) return measurements;
        var (steps, phaseSteps) = _steps.Build();
        var workflows = _lanes.Select(lane =>
        {
            var (ownPhases, ownOverall, _) = lane.Own!.Build(cutoff);
            var spec = lane.Workflow!.Spec;
            var profile = SimulationPlan.Effective(spec.Simulations, spec.RatePerSecond, timeline.ScenarioDuration, spec.Location);
            return new WorkflowResult(spec.Name, [.. profile.Select(s => s.Describe())],
                ownOverall, ownPhases, [.. steps.Where(s => s.Workflow == spec.Name)]);
        }).ToArray();
        return measurements with { Steps = steps, PhaseSteps = phaseSteps, Workflows = workflows };
    }

    private List<RunWarning> Warnings(
        bool scheduleCompleted, TimeSpan cutoff, bool drainedInTime, TimeSpan drainLimit, long abandoned,
        PhaseStats overall, ILoadDispatcher dispatcher)
    {
        var warnings = new List<RunWarning>();
        var total = _clock.Timeline.Duration;
        if (!scheduleCompleted)
            warnings.Add(RunWarning.Of(RunWarningCodes.RunCancelled, ("cutoff_seconds", cutoff.TotalSeconds), ("timeline_seconds", total.TotalSeconds)));
        if (!drainedInTime)
            warnings.Add(RunWarning.Of(RunWarningCodes.DrainTimedOut, ("limit_seconds", drainLimit.TotalSeconds)));
        if (abandoned > 0)
            warnings.Add(RunWarning.Of(RunWarningCodes.RequestsAbandoned, ("requests", abandoned)));

        var dispatchP99 = overall.DispatchDelay.P99Ms;
        var dispatchLimit = LoadConstants.DispatchDelayWarning.TotalMilliseconds;
        if (overall.DispatchDelay.Count > 0 && dispatchP99 > dispatchLimit)
            warnings.Add(RunWarning.Of(RunWarningCodes.DispatchDelayHigh, ("p99_ms", dispatchP99), ("limit_ms", dispatchLimit)));

        var arrived = dispatcher.Arrived;
        var late = dispatcher.LateArrivals;
        if (arrived > 0 && late > arrived * LoadConstants.LateArrivalShareWarning)
            warnings.Add(RunWarning.Of(RunWarningCodes.ArrivalsLate,
                ("late", late), ("arrived", arrived), ("limit_ms", dispatchLimit), ("worst_ms", dispatcher.MaxLag.TotalMilliseconds)));

        if (overall.Outcomes.Dropped > 0)
            warnings.Add(RunWarning.Of(RunWarningCodes.ArrivalsDropped,
                ("dropped", overall.Outcomes.Dropped), ("scheduled", overall.Outcomes.Scheduled), ("max_concurrency", _spec.MaxConcurrency)));
        var overCap = dispatcher switch
        {
            OpenModelDispatcher open => open.OverCapStarts,
            DispatcherGroup group => group.OverCapStarts,
            _ => 0,
        };
        if (overCap > 0)
            warnings.Add(RunWarning.Of(RunWarningCodes.OverCapStarts,
                ("over_cap", overCap), ("arrived", arrived), ("max_concurrency", _spec.MaxConcurrency), ("peak_in_flight", dispatcher.PeakInFlight)));
        var cut = _lanes.Sum(l => l.Plan.CutIterations);
        if (cut > 0)
            warnings.Add(RunWarning.Of(RunWarningCodes.IterationsNotScheduled, ("iterations", cut)));
        return warnings;
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
