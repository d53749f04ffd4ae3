namespace ChaosKit.Fakes.Faults;

/// <summary>
/// The retry hints a provider sends with one kind of error, as docs/providers.md#retry-hints records them
/// (<see cref="Hosting.IProviderDefinition.RetryHintsOf"/>); a fault uses them for every hint its scenario leaves out.
/// </summary>
/// <param name="RetryAfter">The <c>retry-after</c> wait, or <see langword="null"/> when the provider sends none.</param>
/// <param name="MillisecondsToo">Whether <c>retry-after-ms</c> repeats the wait (Azure).</param>
/// <param name="ShouldRetry">The <c>x-should-retry</c> value, or <see langword="null"/> when none is sent.</param>
internal readonly record struct ProviderRetryHints(TimeSpan? RetryAfter, bool MillisecondsToo, bool? ShouldRetry)
{
    /// <summary>
    /// The hints a provider sends unless it says otherwise: none, but a spent quota carries <c>x-should-retry:
    /// false</c>, as it never becomes available by retrying and that header is the only signal that stops the
    /// Stainless SDKs (a ChaosKit choice, as whether the providers send it is unconfirmed).
    /// </summary>
    public static ProviderRetryHints Common(ErrorKind kind) =>
        kind == ErrorKind.QuotaExhausted ? new(null, false, false) : default;
}
