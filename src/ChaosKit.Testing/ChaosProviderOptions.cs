namespace ChaosKit.Testing;

/// <summary>
/// How one fake provider of a <see cref="ChaosScenario"/> behaves, as a scenario file's <c>providers</c> entry says it;
/// what is left unset keeps the file's default.
/// </summary>
public sealed record ChaosProviderOptions
{
    /// <summary>The defaults: a free port, any non-empty key, streams at 300 ms to the first token then 60 tokens a second.</summary>
    public static ChaosProviderOptions Default { get; } = new();

    /// <summary>The loopback port (<c>port</c>); 0 picks a free one.</summary>
    /// <value>Defaults to 0. Leave it there in tests, which may run side by side.</value>
    public int Port { get; init; }

    /// <summary>The only keys the fake accepts (<c>api_keys</c>); empty accepts any non-empty key.</summary>
    /// <value>Defaults to empty.</value>
    public IReadOnlyList<string> ApiKeys { get; init; } = [];

    /// <summary>Wait before the first token of a streamed answer (<c>streaming.ttft</c>); <see langword="null"/> for 300 ms.</summary>
    public TimeSpan? TimeToFirstToken { get; init; }

    /// <summary>Pace of a streamed answer (<c>streaming.tokens_per_second</c>); <see langword="null"/> for 60.</summary>
    public double? TokensPerSecond { get; init; }

    /// <summary>Whether the fake calls a tool when the request leaves the choice to the model (<c>tool_calls: auto</c>).</summary>
    /// <value>Defaults to <see langword="false"/> (<c>tool_calls: forced</c>).</value>
    public bool AutoToolCalls { get; init; }
}
