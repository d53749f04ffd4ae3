using System.Globalization;
using ChaosKit.Core.Timeline;
using Microsoft.AspNetCore.Http;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// An injected error, independent of any provider: each protocol turns it into its own body and headers
/// (Anthropic's <c>{"type":"error",...}</c> envelope, OpenAI's <c>{"error":{...}}</c>, ...).
/// </summary>
/// <param name="Status">HTTP status, 400–599 (200 for Gemini's blocked prompt).</param>
/// <param name="RetryAfter">Value for the <c>retry-after</c> header, already time-scaled; <see langword="null"/> to omit it.</param>
/// <param name="ShouldRetry">Value for the <c>x-should-retry</c> header; <see langword="null"/> to omit it.</param>
/// <param name="Message">Replaces the provider's usual message for the status; <see langword="null"/> keeps it.</param>
internal sealed record ErrorReply(int Status, TimeSpan? RetryAfter = null, bool? ShouldRetry = null, string? Message = null)
{
    /// <summary>What went wrong; the protocol picks the body for it. <see cref="ErrorKind.Other"/>: the body for <see cref="Status"/>.</summary>
    public ErrorKind Kind { get; init; }

    /// <summary>Value for the <c>retry-after-ms</c> header, already time-scaled; <see langword="null"/> to omit it.</summary>
    public TimeSpan? RetryAfterMs { get; init; }

    /// <summary>
    /// Sets the retry hints as headers, each only when the reply has it: <c>retry-after</c> in whole seconds (the
    /// only form the .NET SDKs honour), <c>retry-after-ms</c> (which the Stainless SDKs read first) and
    /// <c>x-should-retry</c>. Waits round up, so a client never retries before the fault asked it to.
    /// </summary>
    public void SetRetryHeaders(IHeaderDictionary headers)
    {
        if (RetryAfter is { } wait) headers["retry-after"] = ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        if (RetryAfterMs is { } waitMs) headers["retry-after-ms"] = ((long)Math.Ceiling(waitMs.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
        if (ShouldRetry is { } retry) headers["x-should-retry"] = retry ? "true" : "false";
    }

    /// <summary>This reply with its waits scaled to the run, as every duration of a scenario is.</summary>
    public ErrorReply ScaledTo(RunTimeline timeline) => this with
    {
        RetryAfter = RetryAfter is { } wait ? timeline.Scale(wait) : null,
        RetryAfterMs = RetryAfterMs is { } waitMs ? timeline.Scale(waitMs) : null,
    };
}
