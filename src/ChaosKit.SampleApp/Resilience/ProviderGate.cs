using Polly.CircuitBreaker;

namespace ChaosKit.SampleApp.Resilience;

/// <summary>
/// Keeps the app away from a provider, while another provider can answer, for as long as its last <c>retry-after</c>
/// asked, and while it is passed over for slowness (<see cref="ProviderPace"/>). A rate limit belongs to the API key,
/// so the request that got the 429 and every request after it go to the other provider at once instead of making
/// their users wait the limit out; a stalled provider is left alone until a trial call finds it answering in time.
/// The gate sits outside the retry pipeline, so a skipped call is neither retried nor counted by the breaker; it is
/// refused as an open circuit is.
/// </summary>
internal sealed class ProviderGate(ProviderCircuit circuit, string providerName, TimeProvider time) : DelegatingHandler
{
    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (circuit.WaitLeft(now) is { } left)
            throw new BrokenCircuitException($"{providerName} asked for no calls for another {left.TotalMilliseconds:0} ms (retry-after)", left);
        if (circuit.Pace.PassedOverFor(now) is { } slow)
            throw new BrokenCircuitException($"{providerName} is passed over for another {slow.TotalMilliseconds:0} ms: it missed its last deadlines", slow);
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>
/// Notes every <c>retry-after</c> a provider answers, attempt by attempt (it sits inside the retry pipeline), on the
/// provider's <see cref="ProviderCircuit"/>, for <see cref="ProviderGate"/>.
/// </summary>
internal sealed class RetryAfterRecorder(ProviderCircuit circuit, TimeProvider time) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var now = time.GetUtcNow();
            if (ProviderResponses.RetryAfter(response, now) is { } wait) circuit.AskedToWaitUntil(now + wait);
        }
        return response;
    }
}
