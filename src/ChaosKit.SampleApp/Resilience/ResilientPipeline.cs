using System.Net;
using ChaosKit.SampleApp.Configuration;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace ChaosKit.SampleApp.Resilience;

/// <summary>
/// The <c>resilient</c> profile's HttpClient pipeline for one provider, outermost first: a total timeout, retries
/// with jitter that honour the provider's retry hints, a circuit breaker (which the status page can also hold open),
/// and a timeout per attempt. The SDK's own retries are off, so this is the only place a call is retried, and only
/// on the last provider of the chain: while another provider follows, a failed call goes to it at once (a user waits
/// for no backoff, and a struggling provider gets no second call), and a <c>retry-after</c> keeps this request and the
/// ones after it away until the wait is over (<see cref="ProviderGate"/>, which also passes over a provider too slow to wait for).
/// </summary>
internal static class ResilientPipeline
{
    /// <summary>Adds the pipeline to the provider's named HttpClient.</summary>
    /// <param name="builder">The provider's named HttpClient.</param>
    /// <param name="provider">The provider it calls.</param>
    /// <param name="settings">The profile's limits.</param>
    /// <param name="hasAlternative">Whether another provider follows this one in the chain.</param>
    public static IHttpClientBuilder AddResilientPipeline(this IHttpClientBuilder builder, AiProvider provider, ResilientSettings settings, bool hasAlternative)
    {
        if (hasAlternative)
        {
            builder.AddHttpMessageHandler(services => new ProviderGate(
                services.GetRequiredService<ProviderCircuits>()[provider], AiProviders.DisplayNameOf(provider), services.GetRequiredService<TimeProvider>()));
        }
        builder.AddResilienceHandler("resilient", (pipeline, context) =>
        {
            var services = context.ServiceProvider;
            var circuit = services.GetRequiredService<ProviderCircuits>()[provider];
            var time = services.GetRequiredService<TimeProvider>();
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ResilientPipeline).FullName!);
            var name = AiProviders.DisplayNameOf(provider);
            // Polly's own jitter (decorrelated, exponential), fed by a seeded generator so a run can be replayed.
            var random = new Random(settings.Seed * 31 + (int)provider);

            pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "total", Timeout = settings.TotalTimeout });
            // Polly wants at least one retry: MaxRetries 0 leaves the strategy out.
            if (settings.MaxRetries > 0 && !hasAlternative)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = settings.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = settings.BaseDelay,
                    MaxDelay = settings.MaxDelay,
                    Randomizer = () =>
                    {
                        lock (random) return random.NextDouble();
                    },
                    ShouldRetryAfterHeader = false, // the delay generator reads retry-after-ms too
                    ShouldHandle = args => ShouldRetryAsync(args.Outcome, settings, time, args.Context.CancellationToken),
                    DelayGenerator = args => ValueTask.FromResult(
                        args.Outcome.Result is { } response ? ProviderResponses.RetryAfter(response, time.GetUtcNow()) : null),
                    OnRetry = args =>
                    {
                        logger.LogInformation("Retrying {Provider} in {Delay} ms (retry {Retry}) after {Outcome}",
                            name, (long)args.RetryDelay.TotalMilliseconds, args.AttemptNumber + 1, Describe(args.Outcome));
                        return default;
                    },
                });
            }
            pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = settings.BreakerFailureRatio,
                MinimumThroughput = settings.BreakerMinimumThroughput,
                SamplingDuration = settings.BreakerSampling,
                BreakDuration = settings.BreakDuration,
                ManualControl = circuit.Control,
                StateProvider = circuit.State,
                ShouldHandle = args => ValueTask.FromResult(IsFailure(args.Outcome)),
                OnOpened = args =>
                {
                    if (!args.IsManual)
                        logger.LogWarning("{Provider}'s circuit opened for {Seconds} s after {Outcome}", name, args.BreakDuration.TotalSeconds, Describe(args.Outcome));
                    return default;
                },
                OnHalfOpened = _ =>
                {
                    logger.LogInformation("{Provider}'s circuit is half-open: one trial call", name);
                    return default;
                },
                OnClosed = _ =>
                {
                    logger.LogInformation("{Provider}'s circuit closed", name);
                    return default;
                },
            });
            pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt", Timeout = settings.AttemptTimeout });
        });
        builder.AddHttpMessageHandler(() => new AttemptCountHandler());
        return hasAlternative
            ? builder.AddHttpMessageHandler(services => new RetryAfterRecorder(services.GetRequiredService<ProviderCircuits>()[provider], services.GetRequiredService<TimeProvider>()))
            : builder;
    }

    /// <summary>
    /// Retry a connection failure, an attempt that timed out, or a transient status, unless the provider said
    /// <c>x-should-retry: false</c>, the quota is spent, or it asks for a longer wait than
    /// <see cref="ResilientSettings.MaxRetryAfter"/>. An open circuit and the total timeout are never retried.
    /// </summary>
    internal static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, ResilientSettings settings, TimeProvider time, CancellationToken ct)
    {
        if (outcome.Exception is { } e) return e is HttpRequestException or TimeoutRejectedException;
        var response = outcome.Result!;
        if (response.IsSuccessStatusCode) return false;
        var verdict = ProviderResponses.ShouldRetry(response);
        if (verdict == false) return false;
        if (await ProviderResponses.IsQuotaExhaustedAsync(response, ct)) return false;
        if (ProviderResponses.RetryAfter(response, time.GetUtcNow()) > settings.MaxRetryAfter) return false;
        return verdict == true || ProviderResponses.IsTransient(response.StatusCode);
    }

    /// <summary>What counts against a provider's circuit: a connection failure, an attempt timeout, or a transient status.</summary>
    internal static bool IsFailure(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || (outcome.Result is { } response && ProviderResponses.IsTransient(response.StatusCode));

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } e ? e.GetType().Name : $"HTTP {(int)(outcome.Result?.StatusCode ?? HttpStatusCode.OK)}";
}
