namespace ChaosKit.Core.Scenarios;

/// <summary>One fake provider to start for the run.</summary>
/// <param name="Name">Name that faults refer to (e.g. <c>claude</c>).</param>
/// <param name="Kind">
/// Which provider the fake plays, as scenarios write it (<c>anthropic</c>, <c>openai</c>, <c>gemini</c>,
/// <c>azure_openai</c>); the fakes' provider catalog (<see cref="IProviderCatalog"/>) knows which exist.
/// </param>
/// <param name="Port">Loopback port to listen on; 0 picks a free one.</param>
/// <param name="Location">Where the provider was declared.</param>
public sealed record ProviderSpec(string Name, string Kind, int Port, SourceLocation Location)
{
    /// <summary>How fast streamed answers arrive.</summary>
    /// <value>Defaults to <see cref="StreamingSpec.Default"/>.</value>
    public StreamingSpec Streaming { get; init; } = StreamingSpec.Default;

    /// <summary>How the provider's fake status page follows the timeline.</summary>
    /// <value>Defaults to <see cref="StatusPageSpec.Prompt"/>.</value>
    public StatusPageSpec StatusPage { get; init; } = StatusPageSpec.Prompt;

    /// <summary>
    /// Whether the fake calls a tool when a request offers tools and leaves the choice to the model (<c>tool_calls:
    /// auto</c>): it calls the first one on a user turn and answers in text once the last turn carries tool results,
    /// so an agent loop runs one tool round a turn. Off (<c>tool_calls: forced</c>), only a forced choice calls one.
    /// </summary>
    /// <value>Defaults to <see langword="false"/>: an app's real tools are not called unless it forces them.</value>
    public bool AutoToolCalls { get; init; }

    /// <summary>The API keys the fake accepts; empty accepts any non-empty key.</summary>
    /// <value>Defaults to empty (any key).</value>
    public IReadOnlyList<string> ApiKeys { get; init; } = [];
}

/// <summary>
/// Pacing of streamed answers: time to the first token, then tokens per second with a seeded jitter. Durations are
/// as written in the scenario; the fakes apply the run's time scale.
/// </summary>
/// <param name="TimeToFirstToken">Wait between the request and the first token.</param>
/// <param name="TokensPerSecond">Output speed after the first token; more than 0.</param>
/// <param name="Jitter">Relative spread of each inter-token gap, 0–1 (0.2: each gap is ±20 % of the mean).</param>
public sealed record StreamingSpec(TimeSpan TimeToFirstToken, double TokensPerSecond, double Jitter)
{
    /// <summary>Default time to first token: 300 ms.</summary>
    public static readonly TimeSpan DefaultTimeToFirstToken = TimeSpan.FromMilliseconds(300);

    /// <summary>Default speed: 60 tokens a second.</summary>
    public const double DefaultTokensPerSecond = 60;

    /// <summary>Default jitter: 0.2.</summary>
    public const double DefaultJitter = 0.2;

    /// <summary>300 ms to the first token, then 60 tokens a second ±20 %.</summary>
    public static StreamingSpec Default { get; } = new(DefaultTimeToFirstToken, DefaultTokensPerSecond, DefaultJitter);
}
