namespace ChaosKit.Core.Scenarios;

/// <summary>
/// How a provider's fake status page follows the timeline. Real status pages lag the impact by minutes, and some
/// never leave "operational"; apps that poll them to decide on failover must be rehearsed against that.
/// </summary>
/// <param name="Lag">How long after a phase starts its status shows on the page.</param>
/// <param name="AlwaysOperational">When true, the page says "All Systems Operational" throughout.</param>
public sealed record StatusPageSpec(TimeSpan Lag, bool AlwaysOperational)
{
    /// <summary>A page that follows the timeline without delay.</summary>
    public static StatusPageSpec Prompt { get; } = new(TimeSpan.Zero, false);
}
