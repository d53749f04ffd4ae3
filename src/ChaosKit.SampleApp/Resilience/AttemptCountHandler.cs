using System.Globalization;
using Polly;

namespace ChaosKit.SampleApp.Resilience;

/// <summary>
/// Numbers each attempt the retry pipeline makes in <c>x-stainless-retry-count</c> (0, then 1, 2 on retries), the
/// header the Stainless-generated SDKs send for their own retries: the SDK's retries are off in the <c>resilient</c>
/// profile, so the pipeline's carry it instead, and whoever watches the traffic still sees which calls are retries.
/// </summary>
internal sealed class AttemptCountHandler : DelegatingHandler
{
    /// <summary>The retry counter header.</summary>
    public const string RetryCountHeader = "x-stainless-retry-count";

    private static readonly ResiliencePropertyKey<int> Attempts = new("ChaosKit.SampleApp.Attempts");

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // One resilience context spans all attempts of one call, so it counts them.
        if (request.GetResilienceContext() is { } context)
        {
            var attempt = context.Properties.GetValue(Attempts, 0);
            context.Properties.Set(Attempts, attempt + 1);
            request.Headers.Remove(RetryCountHeader);
            request.Headers.TryAddWithoutValidation(RetryCountHeader, attempt.ToString(CultureInfo.InvariantCulture));
        }
        return base.SendAsync(request, cancellationToken);
    }
}
