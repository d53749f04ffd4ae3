namespace ChaosKit.SampleApp.Configuration;

/// <summary>
/// The <c>resilient</c> profile's limits, from the <c>SampleApp:Resilient</c> section. The defaults suit an
/// interactive support desk: a user waits seconds, not minutes, so a failing provider is left quickly for the other.
/// </summary>
internal sealed record ResilientSettings
{
    /// <summary>
    /// Retries after the first attempt on the last provider of the chain (the others hand a failed call to the next).
    /// Defaults to 1: the knowledge base stands behind the last provider, and a user waiting on an API that is down
    /// is better served by it within a second than by a second backoff.
    /// </summary>
    public int MaxRetries { get; init; } = 1;

    /// <summary>The first backoff, doubled each retry with jitter. Defaults to 500 ms.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest backoff. Defaults to 8 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// The longest <c>retry-after</c> the app waits for on the last provider of its chain: one that asks for longer
    /// is not retried. (A provider with another after it is never waited for.) Defaults to 10 s.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// One attempt's limit, until the response headers arrive (a stream's headers come before its first token).
    /// Defaults to 10 s.
    /// </summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>All attempts at one provider together, backoffs included, until the response headers. Defaults to 25 s.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>A stream's limit from the call to its first piece of text. Defaults to 10 s.</summary>
    public TimeSpan FirstTokenTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The longest a whole answer is waited for before the next provider is asked too (a hedged request): the first
    /// good answer wins and the other call is cancelled. The hedge comes sooner once the provider's recent answers show
    /// it usually answers faster (twice their p95, <see cref="Resilience.ProviderPace"/>). Defaults to 3 s: what a
    /// stalled or browned-out provider costs a user before the app has learnt its pace.
    /// </summary>
    public TimeSpan HedgeAfter { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The soonest a hedge comes, however fast the provider's answers have been. Defaults to 1 s: a second call for
    /// every answer slower than a few hundred milliseconds would double the calls for little.
    /// </summary>
    public TimeSpan MinHedgeAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Deadlines in a row (a hedge, or a stream's first token while another provider follows) a provider may miss,
    /// with no answer in time between, before it is passed over for <see cref="SlowPassOver"/>. Defaults to 3.
    /// </summary>
    public int SlowStrikes { get; init; } = 3;

    /// <summary>
    /// How long a provider too slow to wait for is passed over before one trial call. Defaults to 5 s, as
    /// <see cref="BreakDuration"/>; each trial it fails doubles it, up to <see cref="SlowPassOverMax"/>.
    /// </summary>
    public TimeSpan SlowPassOver { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest a slow provider is passed over between trials. Defaults to 20 s.</summary>
    public TimeSpan SlowPassOverMax { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// A stream's limit from the call to its first piece of text while another provider can still be asked: an
    /// interactive user is better served by the next provider than by a wait on a slow one (a brownout). Defaults to 2 s.
    /// </summary>
    public TimeSpan FirstTokenFailover { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A stream's limit between two pieces of text: longer and it counts as stalled, and the next provider finishes
    /// the answer. Defaults to 5 s: a healthy stream's pieces come well under a second apart, and a reader who sees
    /// the text stop for five seconds thinks the app is broken.
    /// </summary>
    public TimeSpan StreamIdleTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A whole stream's limit. Defaults to 90 s.</summary>
    public TimeSpan StreamTotalTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>The share of failed attempts in <see cref="BreakerSampling"/> that opens a provider's circuit. Defaults to 0.5.</summary>
    public double BreakerFailureRatio { get; init; } = 0.5;

    /// <summary>Attempts in <see cref="BreakerSampling"/> before the ratio counts. Defaults to 10.</summary>
    public int BreakerMinimumThroughput { get; init; } = 10;

    /// <summary>
    /// The window the breaker counts failures in. Defaults to 10 s: the healthy calls of the window count against
    /// the failures, so a provider that starts failing every call opens its circuit after about half the window (one
    /// quick call a question, handed to the next provider), not after half a minute of errors.
    /// </summary>
    public TimeSpan BreakerSampling { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long an open circuit stays open before one trial call. Defaults to 5 s (Polly's default): long enough to
    /// spare a provider that is down, short enough that answers come back from it soon after it recovers.
    /// </summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the status pages are read. Defaults to 10 s.</summary>
    public TimeSpan StatusPagePollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The limit of one status page read. Defaults to 3 s.</summary>
    public TimeSpan StatusPageTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Seeds the retry jitter, so a run can be replayed. Defaults to 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Reads the <c>SampleApp:Resilient</c> section; a key left out keeps its default.</summary>
    public static ResilientSettings From(IConfigurationSection section)
    {
        var defaults = new ResilientSettings();
        return new ResilientSettings
        {
            MaxRetries = section.GetValue(nameof(MaxRetries), defaults.MaxRetries),
            BaseDelay = Milliseconds(section, "BaseDelayMilliseconds", defaults.BaseDelay),
            MaxDelay = Seconds(section, "MaxDelaySeconds", defaults.MaxDelay),
            MaxRetryAfter = Seconds(section, "MaxRetryAfterSeconds", defaults.MaxRetryAfter),
            AttemptTimeout = Seconds(section, "AttemptTimeoutSeconds", defaults.AttemptTimeout),
            TotalTimeout = Seconds(section, "TotalTimeoutSeconds", defaults.TotalTimeout),
            FirstTokenTimeout = Seconds(section, "FirstTokenTimeoutSeconds", defaults.FirstTokenTimeout),
            FirstTokenFailover = Seconds(section, "FirstTokenFailoverSeconds", defaults.FirstTokenFailover),
            HedgeAfter = Seconds(section, "HedgeAfterSeconds", defaults.HedgeAfter),
            MinHedgeAfter = Seconds(section, "MinHedgeAfterSeconds", defaults.MinHedgeAfter),
            SlowStrikes = section.GetValue(nameof(SlowStrikes), defaults.SlowStrikes),
            SlowPassOver = Seconds(section, "SlowPassOverSeconds", defaults.SlowPassOver),
            SlowPassOverMax = Seconds(section, "SlowPassOverMaxSeconds", defaults.SlowPassOverMax),
            StreamIdleTimeout = Seconds(section, "StreamIdleTimeoutSeconds", defaults.StreamIdleTimeout),
            StreamTotalTimeout = Seconds(section, "StreamTotalTimeoutSeconds", defaults.StreamTotalTimeout),
            BreakerFailureRatio = section.GetValue(nameof(BreakerFailureRatio), defaults.BreakerFailureRatio),
            BreakerMinimumThroughput = section.GetValue(nameof(BreakerMinimumThroughput), defaults.BreakerMinimumThroughput),
            BreakerSampling = Seconds(section, "BreakerSamplingSeconds", defaults.BreakerSampling),
            BreakDuration = Seconds(section, "BreakDurationSeconds", defaults.BreakDuration),
            StatusPagePollInterval = Seconds(section, "StatusPagePollSeconds", defaults.StatusPagePollInterval),
            StatusPageTimeout = Seconds(section, "StatusPageTimeoutSeconds", defaults.StatusPageTimeout),
            Seed = section.GetValue(nameof(Seed), defaults.Seed),
        };
    }

    private static TimeSpan Seconds(IConfigurationSection section, string key, TimeSpan fallback) =>
        section.GetValue<double?>(key) is { } seconds ? TimeSpan.FromSeconds(seconds) : fallback;

    private static TimeSpan Milliseconds(IConfigurationSection section, string key, TimeSpan fallback) =>
        section.GetValue<double?>(key) is { } ms ? TimeSpan.FromMilliseconds(ms) : fallback;
}
