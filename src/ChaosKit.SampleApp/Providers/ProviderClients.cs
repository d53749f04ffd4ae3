using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using ChaosKit.SampleApp.Configuration;
using ChaosKit.SampleApp.Resilience;
using OpenAI;
using OpenAI.Chat;

namespace ChaosKit.SampleApp.Providers;

/// <summary>
/// Builds each provider the profile calls on its official SDK, over a named HttpClient (<c>anthropic</c>,
/// <c>openai</c>) that carries the <c>resilient</c> pipeline in that profile, with the SDK retries and timeout the
/// profile gives it (<see cref="SdkLimits"/>).
/// </summary>
internal static class ProviderClients
{
    /// <summary>Registers an <see cref="IChatProvider"/> for every provider in <paramref name="settings"/>' chain.</summary>
    public static IServiceCollection AddChatProviders(this IServiceCollection services, SampleAppSettings settings)
    {
        foreach (var provider in settings.Chain())
        {
            var name = AiProviders.NameOf(provider);
            var providerSettings = settings.For(provider);
            // The SDKs' own timeouts apply (and, in resilient, the pipeline's); HttpClient's 100 s default would cut across them.
            var http = services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan);
            if (settings.Profile == ResilienceProfile.Resilient) http.AddResilientPipeline(provider, settings.Resilient, hasAlternative: settings.Chain()[^1] != provider);
            var limits = SdkLimits.For(settings, providerSettings);
            services.AddSingleton(provided => Create(providerSettings, limits, provided.GetRequiredService<IHttpClientFactory>().CreateClient(name)));
        }
        return services;
    }

    private static IChatProvider Create(ProviderSettings settings, SdkLimits limits, HttpClient http)
    {
        if (settings.Provider == AiProvider.Anthropic)
        {
            return new AnthropicChatProvider(new AnthropicClient
            {
                ApiKey = settings.ApiKey,
                BaseUrl = settings.BaseUrl,
                MaxRetries = limits.MaxRetries,
                Timeout = limits.Timeout,
                HttpClient = http,
            }, settings);
        }
        var options = new OpenAIClientOptions { Endpoint = new Uri(settings.BaseUrl), Transport = new HttpClientPipelineTransport(http) };
        if (limits.MaxRetries is { } retries) options.RetryPolicy = new ClientRetryPolicy(retries);
        if (limits.Timeout is { } timeout) options.NetworkTimeout = timeout;
        return new OpenAiChatProvider(new ChatClient(settings.Model, new ApiKeyCredential(settings.ApiKey), options), settings);
    }
}

/// <summary>The retries and timeout a profile gives a provider's SDK; <see langword="null"/> leaves the SDK's default.</summary>
/// <param name="MaxRetries">The SDK's retries.</param>
/// <param name="Timeout">The SDK's timeout (Anthropic: per attempt, body included; OpenAI: its network timeout).</param>
internal readonly record struct SdkLimits(int? MaxRetries, TimeSpan? Timeout)
{
    /// <summary>
    /// <c>naive</c>: no retries and a long timeout; <c>sdk-defaults</c>: the SDK's defaults unless the provider's
    /// <c>MaxRetries</c> and <c>TimeoutSeconds</c> say otherwise; <c>resilient</c>: no retries (the pipeline retries)
    /// and a backstop as long as the longest stream, as the pipeline and the stream deadlines do the timing.
    /// </summary>
    public static SdkLimits For(SampleAppSettings settings, ProviderSettings provider) => settings.Profile switch
    {
        ResilienceProfile.Naive => new(0, provider.Timeout ?? settings.NaiveTimeout),
        ResilienceProfile.Resilient => new(0, settings.Resilient.TotalTimeout > settings.Resilient.StreamTotalTimeout
            ? settings.Resilient.TotalTimeout : settings.Resilient.StreamTotalTimeout),
        _ => new(provider.MaxRetries, provider.Timeout),
    };
}
