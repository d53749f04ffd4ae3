namespace ChaosKit.Fakes.StatusPages;

/// <summary>How a provider's fake status page follows the timeline (<c>status_page: { lag: 7m }</c>).</summary>
/// <param name="Lag">How long (scenario time, before scaling) the page takes to admit an incident, and to clear it.</param>
/// <param name="AlwaysOperational">The page says "All Systems Operational" whatever happens, as some did during real incidents.</param>
public sealed record StatusPageOptions(TimeSpan Lag = default, bool AlwaysOperational = false)
{
    /// <summary>A page that follows the timeline at once.</summary>
    public static StatusPageOptions Prompt { get; } = new();
}
