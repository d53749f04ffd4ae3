namespace ChaosKit.Testing;

/// <summary>How <see cref="ChaosFakes"/> runs in a test, apart from the scenario.</summary>
public sealed record ChaosFakesOptions
{
    /// <summary>The defaults.</summary>
    public static ChaosFakesOptions Default { get; } = new();

    /// <summary>
    /// Whether the timeline starts held at the start of its first phase, so it moves only when the test moves it
    /// (<see cref="ChaosFakes.JumpToPhase(string)"/>, <see cref="ChaosFakes.Resume"/>): a test then never depends on how
    /// fast the machine runs it. False starts it running, as <c>chaoskit serve</c> does.
    /// </summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool StartPaused { get; init; } = true;

    /// <summary>Multiplies every duration of the scenario (phases, injected latencies, ramps), as <c>--time-scale</c> does; 0.01 to 100.</summary>
    /// <value>Defaults to 1.</value>
    public double TimeScale { get; init; } = 1;

    /// <summary>Whether a call without credentials gets the provider's 401, as the real API answers.</summary>
    /// <value>Defaults to <see langword="true"/>; the keys in <see cref="ChaosFakes.Environment"/> are accepted.</value>
    public bool RequireApiKey { get; init; } = true;

    /// <summary>
    /// A request header whose value the journal keeps as a call's correlation id (e.g. <c>x-correlation-id</c>), for an
    /// app that passes its own id to the provider rather than the W3C <c>traceparent</c>; <see cref="ChaosJournal.For(string)"/>
    /// finds calls by either.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>: the trace id only.</value>
    public string? CorrelationHeader { get; init; }

    /// <summary>
    /// The most calls the in-memory journal keeps; past it, the oldest are forgotten first and counted in
    /// <see cref="ChaosJournal.Dropped"/>. A call takes a few hundred bytes.
    /// </summary>
    /// <value>Defaults to 10,000.</value>
    public int JournalCapacity { get; init; } = 10_000;

    /// <summary>
    /// How long a journal query waits, at most, for calls the fakes are still answering to be recorded (a fake records a
    /// call just after its answer went out, so the app may see the answer first). Past it, the query answers with what
    /// is recorded.
    /// </summary>
    /// <value>Defaults to 10 seconds; a query waits that long only while a call is held (a <c>hang</c> fault, a slow stream).</value>
    public TimeSpan JournalSettleTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Where to write the journal as <c>chaoskit run</c> does (JSON Lines), e.g. to keep it as a test artifact; <see langword="null"/> writes none.</summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public string? JournalPath { get; init; }
}
