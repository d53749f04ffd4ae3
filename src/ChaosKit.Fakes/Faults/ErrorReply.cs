namespace ChaosKit.Fakes.Faults;

/// <summary>
/// An injected error, independent of any provider: each protocol turns it into its own body and headers
/// (Anthropic's <c>{"type":"error",...}</c> envelope, OpenAI's <c>{"error":{...}}</c>, ...).
/// </summary>
/// <param name="Status">HTTP status, 400–599.</param>
/// <param name="RetryAfter">Value for the <c>retry-after</c> header, already time-scaled; <see langword="null"/> to omit it.</param>
/// <param name="ShouldRetry">Value for the <c>x-should-retry</c> header; <see langword="null"/> to omit it.</param>
/// <param name="Message">Replaces the provider's usual message for the status; <see langword="null"/> keeps it.</param>
internal sealed record ErrorReply(int Status, TimeSpan? RetryAfter = null, bool? ShouldRetry = null, string? Message = null);
