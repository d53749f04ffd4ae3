using ChaosKit.Core.Loading;
using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// An injected error, independent of any provider: each protocol turns it into its own body and headers
/// (Anthropic's <c>{"type":"error",...}</c> envelope, OpenAI's <c>{"error":{...}}</c>, ...).
/// </summary>
/// <param name="Status">HTTP status, 400–599.</param>
/// <param name="RetryAfter">Value for the <c>retry-after</c> header, already time-scaled; <see langword="null"/> to omit it.</param>
/// <param name="ShouldRetry">Value for the <c>x-should-retry</c> header; <see langword="null"/> to omit it.</param>
/// <param name="Message">Replaces the provider's usual message for the status; <see langword="null"/> keeps it.</param>
internal sealed record ErrorReply(int Status, TimeSpan? RetryAfter = null, bool? ShouldRetry = null, string? Message = null)
{
    /// <summary>The retry hints for reports, e.g. <c> (retry-after 2s, x-should-retry false)</c>; empty when there are none.</summary>
    public string DescribeHints()
    {
        var extras = new List<string>();
        if (RetryAfter is { } wait) extras.Add($"retry-after {DurationParser.Format(wait)}");
        if (ShouldRetry is { } retry) extras.Add($"x-should-retry {(retry ? "true" : "false")}");
        return extras.Count == 0 ? "" : $" ({string.Join(", ", extras)})";
    }

    /// <summary>This reply with its <c>retry-after</c> scaled to the run, as every duration of a scenario is.</summary>
    public ErrorReply ScaledTo(RunTimeline timeline) => RetryAfter is { } wait ? this with { RetryAfter = timeline.Scale(wait) } : this;

    /// <summary>Reads the retry hints and message every error-like fault takes: <c>retry_after</c>, <c>should_retry</c>, <c>message</c>.</summary>
    /// <exception cref="ScenarioException">A bad value.</exception>
    public static ErrorReply Read(FaultSettings settings, int status, bool? defaultShouldRetry = null)
    {
        var retryAfter = settings.GetOptionalDuration("retry_after");
        var shouldRetry = settings.Has("should_retry") ? settings.GetBool("should_retry", fallback: false) : defaultShouldRetry;
        var message = settings.Has("message") ? settings.GetString("message", "") : null;
        if (message is { Length: 0 }) throw settings.Invalid("message", "the message is empty; remove it to keep the provider's wording");
        return new ErrorReply(status, retryAfter, shouldRetry, message);
    }
}
