using ChaosKit.Core.Scenarios;
using ChaosKit.Fakes.Hosting;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// The retry hints of an error fault as the scenario wrote them: <c>retry_after</c> (a duration, sent as whole
/// seconds in <c>retry-after</c>), <c>retry_after_ms</c> (a duration, sent as milliseconds in <c>retry-after-ms</c>)
/// and <c>should_retry</c> (<c>true</c>/<c>false</c>, sent as <c>x-should-retry</c>). Each may be <c>none</c> to
/// never send it; left out, it is what the real provider sends for that error (<see cref="ProviderRetryHints"/>).
/// </summary>
/// <param name="RetryAfter">The <c>retry_after</c> setting.</param>
/// <param name="RetryAfterMs">The <c>retry_after_ms</c> setting.</param>
/// <param name="ShouldRetry">The <c>should_retry</c> setting.</param>
internal sealed record RetryHints(Hint<TimeSpan> RetryAfter, Hint<TimeSpan> RetryAfterMs, Hint<bool> ShouldRetry)
{
    /// <summary>The word that switches a hint off.</summary>
    public const string None = "none";

    /// <summary>The settings every error-like fault takes.</summary>
    public static readonly string[] Settings = ["retry_after", "retry_after_ms", "should_retry"];

    /// <summary>Reads the three hint settings.</summary>
    /// <exception cref="ScenarioException">A bad value.</exception>
    public static RetryHints Read(FaultSettings settings) => new(
        ReadHint(settings, "retry_after", () => settings.GetDuration("retry_after", TimeSpan.Zero)),
        ReadHint(settings, "retry_after_ms", () => settings.GetDuration("retry_after_ms", TimeSpan.Zero)),
        ReadHint(settings, "should_retry", () => settings.GetBool("should_retry", fallback: false)));

    /// <summary><paramref name="reply"/> with the hints set: as written, else the provider's defaults for its kind.</summary>
    public ErrorReply Apply(ErrorReply reply, IProviderDefinition provider)
    {
        var defaults = provider.RetryHintsOf(reply.Kind);
        var retryAfter = RetryAfter.Or(defaults.RetryAfter);
        // Providers that send retry-after-ms send the same wait as retry-after.
        var retryAfterMs = RetryAfterMs.Or(defaults.MillisecondsToo ? retryAfter : null);
        return reply with { RetryAfter = retryAfter, RetryAfterMs = retryAfterMs, ShouldRetry = ShouldRetry.Or(defaults.ShouldRetry) };
    }

    private static Hint<T> ReadHint<T>(FaultSettings settings, string key, Func<T> read) where T : struct
    {
        if (!settings.Has(key)) return default;
        if (string.Equals(settings.GetString(key, ""), None, StringComparison.OrdinalIgnoreCase)) return new Hint<T>(true, null);
        return new Hint<T>(true, read());
    }
}

/// <summary>One retry hint: not written (use the provider's default), <c>none</c> (never send) or a value.</summary>
/// <param name="IsSet">Whether the scenario wrote the setting.</param>
/// <param name="Value">The value written; <see langword="null"/> for <c>none</c>.</param>
internal readonly record struct Hint<T>(bool IsSet, T? Value) where T : struct
{
    /// <summary>The value written, else <paramref name="fallback"/>.</summary>
    public T? Or(T? fallback) => IsSet ? Value : fallback;
}
