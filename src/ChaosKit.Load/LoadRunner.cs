using ChaosKit.Core.Results;
using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using ChaosKit.Load.Measurement;
using ChaosKit.Load.Requests;
using ChaosKit.Load.Workflows;

namespace ChaosKit.Load;

/// <summary>
/// Drives a scenario's load at the target along the run clock: each workflow (a one-request load is one workflow of
/// one step) on its NBomber-style profile of simulations (by default one constant-rate <c>inject</c> over the whole
/// timeline), open or closed model; in the open model, arrivals over the concurrency cap are dropped and counted (or,
/// with <c>overload: grow</c>, started and counted), and every request is timed from its scheduled start (wrk2-style)
/// as well as from its actual send. One instance runs once.
/// </summary>
/// <remarks>
/// <para>A run is four stages, each a class with one job, composed here: plan (<see cref="LoadPlan"/>: the workflows
/// compiled and their simulations laid out), run (<see cref="LoadDriver"/>: dispatchers and executors, then the
/// drain), aggregate (<see cref="LoadAggregator"/>: the one sink every sample goes to) and diagnose
/// (<see cref="LoadDiagnosis"/>: the run's warnings, as data).</para>
/// <para>Usage: create it (this compiles the spec and renders nothing yet), start the clock, then <see cref="RunAsync"/>.
/// If the clock is not started when <see cref="RunAsync"/> begins, <see cref="RunAsync"/> starts it.</para>
/// <para>Each iteration is filed under the phase and the second its <em>scheduled</em> start falls in (for the closed
/// model: its actual start), so a request sent during an outage counts for the outage even if it ends after it.</para>
/// </remarks>
public sealed class LoadRunner
{
    private readonly LoadSpec _spec;
    private readonly RunClock _clock;
    private readonly LoadPlan _plan;
    private readonly int _seed;
    private readonly LoadAggregator _aggregator;
    private readonly LoadDriver _driver;
    private int _started;
    private long _finishedElapsedTicks = -1;

    /// <summary>
    /// Prepares a run of <paramref name="spec"/> against <paramref name="targetBaseUrl"/>: compiles its requests and
    /// warms their rendering (a few milliseconds), so construct it before starting the clock.
    /// </summary>
    /// <param name="spec">
    /// Workflows or request, profile, cap, timeout and fallback marker: a spec the scenario loader accepted (or, built in
    /// code, one <see cref="LoadSimulations.Validate"/> and <see cref="Validate"/> accept); the runner does not check it again.
    /// </param>
    /// <param name="seed">The scenario seed; iteration <c>i</c>'s request data and trace id derive from it.</param>
    /// <param name="targetBaseUrl">Absolute base URL of the application under test; the request path is appended to it.</param>
    /// <param name="clock">The run clock shared with the fakes; its timeline sets the run's length and phases.</param>
    /// <param name="handler">
    /// HTTP handler to send through (tests, custom TLS); it is not disposed. By default a tuned
    /// <see cref="SocketsHttpHandler"/> is created per run and disposed after it.
    /// </param>
    /// <exception cref="ScenarioException">The spec cannot run: bad method, path, header or Bogus expression.</exception>
    public LoadRunner(LoadSpec spec, int seed, Uri targetBaseUrl, RunClock clock, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(targetBaseUrl);
        ArgumentNullException.ThrowIfNull(clock);
        if (!targetBaseUrl.IsAbsoluteUri || (targetBaseUrl.Scheme != Uri.UriSchemeHttp && targetBaseUrl.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"The target base URL must be an absolute http or https URL, not '{targetBaseUrl}'.", nameof(targetBaseUrl));

        _spec = spec;
        _clock = clock;
        _plan = LoadPlan.Create(spec, seed, clock.Timeline);
        _seed = seed;
        foreach (var lane in _plan.Lanes) lane.Workflow.Prewarm(targetBaseUrl);
        // An iteration lasts at most its steps' timeouts (on the run clock); a second's histograms fold after that.
        var longestIteration = clock.Timeline.Scale(spec.Timeout) * Math.Max(1, _plan.StepNames.Max(w => w.Steps.Count));
        _aggregator = new LoadAggregator(clock.Timeline, _plan.StepNames, foldAfter: longestIteration);
        _driver = new LoadDriver(_plan, spec, targetBaseUrl, clock, handler, _aggregator);
    }

    /// <summary>
    /// Checks that every request of <paramref name="spec"/> can be sent (the one-request template, or every workflow
    /// step's template, variable and check), trying each Bogus expression once, without running anything.
    /// </summary>
    /// <exception cref="ScenarioException">Names the field and what to change.</exception>
    public static void Validate(LoadSpec spec, int seed)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _ = CompiledWorkflow.CompileAll(spec, seed);
    }

    /// <summary>
    /// How many iterations the schedule will start (or drop) over the whole timeline: exact for an open profile and for
    /// <c>iterations_for_constant</c>; 0 for other closed profiles, whose count depends on how fast the target answers.
    /// </summary>
    public long PlannedIterations => _plan.PlannedIterations;

    /// <summary>
    /// Live counts for a console; cheap enough to call every 250 ms from any thread, before, during and after the run.
    /// </summary>
    public LoadProgress Snapshot()
    {
        if (!_clock.IsStarted) return LoadProgress.NotStarted;
        var finished = Interlocked.Read(ref _finishedElapsedTicks);
        var elapsed = finished >= 0 ? TimeSpan.FromTicks(finished) : _clock.Elapsed;
        if (elapsed < TimeSpan.Zero) elapsed = TimeSpan.Zero;
        var dispatcher = _driver.Dispatcher;
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
            Steps = _aggregator.LiveSteps(elapsed),
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

        var drive = await _driver.RunAsync(cancellationToken).ConfigureAwait(false);
        _aggregator.Seal();
        var duration = _clock.Elapsed;
        Interlocked.Exchange(ref _finishedElapsedTicks, duration.Ticks);

        var measured = _aggregator.Build(drive.Cutoff);
        var warnings = LoadDiagnosis.Warnings(drive, measured.Overall, _spec, _plan);
        return new LoadMeasurements(measured.Phases, measured.Overall, measured.Seconds, warnings, drive.Completed, duration)
        {
            Model = _plan.Model,
            Cutoff = drive.Cutoff,
            Steps = measured.Steps,
            PhaseSteps = measured.PhaseSteps,
            Workflows = [.. _plan.Lanes.Select((lane, i) => new WorkflowResult(
                lane.Workflow.Spec.Name, [.. lane.Profile.Select(s => s.Describe())],
                measured.Workflows[i].Overall, measured.Workflows[i].Phases, measured.Workflows[i].Steps))],
            PhaseExamples = [.. measured.PhaseExamples.Select(examples => (IReadOnlyList<TracedRequest>)[.. examples.Select(Traced)])],
        };
    }

    /// <summary>An example request as the result keeps it, with the trace id its request carried.</summary>
    private TracedRequest Traced(IterationSample sample) => new(
        sample.Iteration,
        // 00-<trace id>-<parent id>-01: the 32 hex digits the app's provider calls carry on.
        IterationRandom.TraceParent(_seed, sample.Iteration).Substring(3, 32),
        sample.Outcome.ToString().ToLowerInvariant(),
        sample.StatusCode,
        sample.Scheduled.TotalSeconds,
        sample.Latency.TotalMilliseconds);
}
