namespace ChaosKit.Load.Measurement;

/// <summary>How one iteration ended.</summary>
internal enum IterationOutcome
{
    /// <summary>2xx from the normal path.</summary>
    Ok,

    /// <summary>2xx marked with the fallback header.</summary>
    Fallback,

    /// <summary>Any other status (4xx/5xx; redirects are not followed and count here too).</summary>
    Failed,

    /// <summary>No complete answer within the client timeout.</summary>
    Timeout,

    /// <summary>Connection, protocol or client error.</summary>
    Error,

    /// <summary>Never started: the concurrency cap was reached.</summary>
    Dropped,
}

/// <summary>
/// What one iteration measured: the three timestamps wrk2 and guidellm use, as offsets from the run start,
/// plus how it ended. Everything downstream (histograms, live progress, later sinks) reads only this.
/// </summary>
/// <param name="Iteration">0-based iteration number.</param>
/// <param name="Scheduled">When the schedule wanted it to start.</param>
/// <param name="Sent">When the request was handed to the HTTP client (equals <paramref name="Scheduled"/> for dropped arrivals).</param>
/// <param name="Ended">When the response body was fully read or the iteration failed (equals <paramref name="Scheduled"/> for dropped arrivals).</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="StatusCode">HTTP status of the response, or 0 when none arrived.</param>
/// <param name="Workflow">Index of the iteration's workflow in the run (0 for a one-request load).</param>
internal readonly record struct IterationSample(
    long Iteration, TimeSpan Scheduled, TimeSpan Sent, TimeSpan Ended, IterationOutcome Outcome, int StatusCode, int Workflow = 0)
{
    /// <summary>True when a request was sent, so the latencies mean something.</summary>
    public bool Started => Outcome != IterationOutcome.Dropped;

    /// <summary>True when the user got an answer (ok or fallback).</summary>
    public bool Served => Outcome is IterationOutcome.Ok or IterationOutcome.Fallback;

    /// <summary>End minus scheduled start: what a user arriving on schedule waited, generator lag included.</summary>
    public TimeSpan Latency => Ended - Scheduled;

    /// <summary>End minus actual send: what the target took once asked.</summary>
    public TimeSpan ServiceLatency => Ended - Sent;

    /// <summary>Actual send minus scheduled start: how late the generator was.</summary>
    public TimeSpan DispatchDelay => Sent - Scheduled;

    /// <summary>A dropped arrival of workflow <paramref name="workflow"/>.</summary>
    public static IterationSample Dropped(long iteration, TimeSpan scheduled, int workflow = 0) =>
        new(iteration, scheduled, scheduled, scheduled, IterationOutcome.Dropped, 0, workflow);
}

/// <summary>
/// Receives the samples of a run from many threads at once: one per step run (or skip) and one per iteration, or
/// both at once for an iteration of one step. Must be cheap and must not block for long.
/// </summary>
internal interface ISampleSink
{
    /// <summary>Records one finished (or dropped) iteration.</summary>
    void Record(in IterationSample sample);

    /// <summary>Records one step run or skip.</summary>
    void Record(in StepSample sample);

    /// <summary>Records an iteration of one step and that step's run: the two records above, in one call per request.</summary>
    void Record(in IterationSample iteration, in StepSample step);
}
