using System.Globalization;
using ChaosKit.SampleApp.Answers;
using ChaosKit.SampleApp.Configuration;
using ChaosKit.SampleApp.Providers;
using ChaosKit.SampleApp.Resilience;

namespace ChaosKit.SampleApp;

/// <summary>Liveness (<c>/healthz</c>), readiness (<c>/readyz</c>) and the start-up log line that says how the app is set up.</summary>
internal static class Health
{
    /// <summary>
    /// <c>/readyz</c>: 200 once the app has started with a valid configuration (it always has some answer to give),
    /// with each provider it calls, its circuit and what its status page says; <c>degraded</c> while a circuit is not closed.
    /// </summary>
    public static IResult Readiness(SampleAppSettings settings, ProviderCircuits circuits, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var resilient = settings.Profile == ResilienceProfile.Resilient;
        var providers = settings.Chain().Select(p => new ProviderReadiness(
            AiProviders.NameOf(p), settings.For(p).BaseUrl, settings.For(p).Model,
            resilient ? circuits[p].Describe(now) : null, resilient ? circuits[p].StatusPage : null)).ToList();
        var degraded = providers.Any(p => p.Circuit is not (null or "closed"));
        return Results.Ok(new Readiness(degraded ? "degraded" : "ready", ResilienceProfiles.NameOf(settings.Profile), providers));
    }

    /// <summary>Logs the profile, the providers in the order they are asked, and the limits that apply.</summary>
    public static void LogSetup(ILogger logger, SampleAppSettings settings)
    {
        var chain = settings.Chain();
        var order = string.Join(", then ", chain.Select(AiProviders.DisplayNameOf))
            + (settings.Profile == ResilienceProfile.Naive ? ", else an error answer" : ", then the knowledge base");
        logger.LogInformation("Profile {Profile}: asking {Order}", ResilienceProfiles.NameOf(settings.Profile), order);
        foreach (var provider in chain)
        {
            var p = settings.For(provider);
            var sdk = SdkLimits.For(settings, p);
            logger.LogInformation("{Provider} at {BaseUrl} with {Model} (SDK retries: {Retries}, SDK timeout: {Timeout})",
                AiProviders.DisplayNameOf(provider), p.BaseUrl, p.Model,
                sdk.MaxRetries?.ToString(CultureInfo.InvariantCulture) ?? "the SDK's default",
                sdk.Timeout is { } t ? $"{t.TotalSeconds} s" : "the SDK's default");
        }
        if (settings.Profile != ResilienceProfile.Resilient) return;
        var r = settings.Resilient;
        logger.LogInformation(
            "Pipeline: {Retries} retries on the last provider from {Delay} ms with seeded jitter (seed {Seed}), retry-after honoured up to {MaxRetryAfter} s; "
            + "attempt timeout {Attempt} s, total {Total} s; circuit opens at {Ratio:P0} failures of {Throughput}+ calls in {Sampling} s, for {Break} s; "
            + "the next provider asked too after {MinHedge}-{Hedge} s, a provider passed over for {PassOver}-{PassOverMax} s after {Strikes} slow calls in a row; streams: first token {FirstToken} s ({Failover} s while another provider follows), idle {Idle} s, total {StreamTotal} s",
            r.MaxRetries, r.BaseDelay.TotalMilliseconds, r.Seed, r.MaxRetryAfter.TotalSeconds, r.AttemptTimeout.TotalSeconds, r.TotalTimeout.TotalSeconds,
            r.BreakerFailureRatio, r.BreakerMinimumThroughput, r.BreakerSampling.TotalSeconds, r.BreakDuration.TotalSeconds,
            r.MinHedgeAfter.TotalSeconds, r.HedgeAfter.TotalSeconds, r.SlowPassOver.TotalSeconds, r.SlowPassOverMax.TotalSeconds, r.SlowStrikes, r.FirstTokenTimeout.TotalSeconds, r.FirstTokenFailover.TotalSeconds, r.StreamIdleTimeout.TotalSeconds, r.StreamTotalTimeout.TotalSeconds);
        if (settings.StatusPages.Count > 0)
            logger.LogInformation("Reading status pages every {Seconds} s: {Pages}", r.StatusPagePollInterval.TotalSeconds,
                string.Join(", ", settings.StatusPages.Select(s => $"{s.Origin}={s.PageUrl}")));
    }
}
