using Polly.CircuitBreaker;

namespace ChaosKit.SampleApp.Resilience;

/// <summary>
/// Keeps the app away from a provider for as long as its last <c>retry-after</c> asked, while another provider can
/// answer: a rate limit belongs to the API key, so the request that got the 429 and every request after it go to the
/// other provider at once instead of making their users wait the limit out. It sits outside the retry pipeline, so a
/// skipped call is neither retried nor counted by the breaker; it is refused as an open circuit is.
/// </summary>
internal sealed class RetryAfterGate(ProviderCircuit circuit, string providerName, TimeProvider time) : DelegatingHandler
{
    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (circuit.WaitLeft(time.GetUtcNow()) is { } left)
            throw new BrokenCircuitException($"{providerName} asked for no calls for another {left.TotalMilliseconds:0} ms (retry-after)", left);
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>
/// Notes every <c>retry-after</c> a provider answers, attempt by attempt (it sits inside the retry pipeline), on the
/// provider's <see cref="ProviderCircuit"/>, for <see cref="RetryAfterGate"/>.
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
