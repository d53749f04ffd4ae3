using System.Globalization;

namespace ChaosKit.SampleApp.Configuration;

/// <summary>
/// How the app reaches one provider, read from the provider's standard environment variables (<c>ANTHROPIC_BASE_URL</c>,
/// <c>OPENAI_API_KEY</c>, ...) and its configuration section (<c>Anthropic</c>, <c>OpenAI</c>).
/// </summary>
/// <param name="Provider">Which provider.</param>
/// <param name="BaseUrl">Where its API is.</param>
/// <param name="ApiKey">The key to send; empty when none is configured.</param>
/// <param name="Model">The model to ask.</param>
/// <param name="MaxTokens">The longest answer to ask for, in tokens.</param>
/// <param name="MaxRetries">The SDK's retries (<c>MaxRetries</c>); <see langword="null"/> leaves the SDK's default.</param>
/// <param name="Timeout">The SDK's timeout (<c>TimeoutSeconds</c>); <see langword="null"/> leaves the SDK's default.</param>
/// <param name="IsConfigured">Whether a base URL was given: only then is the provider used as the alternative.</param>
internal sealed record ProviderSettings(
    AiProvider Provider, string BaseUrl, string ApiKey, string Model, int MaxTokens, int? MaxRetries, TimeSpan? Timeout, bool IsConfigured)
{
    /// <summary>Claude's settings: <c>ANTHROPIC_BASE_URL</c>, <c>ANTHROPIC_API_KEY</c> and the <c>Anthropic</c> section.</summary>
    public static ProviderSettings Anthropic(IConfiguration configuration) =>
        Read(configuration, AiProvider.Anthropic, "ANTHROPIC", "Anthropic", "https://api.anthropic.com", "claude-sonnet-4-5");

    /// <summary>OpenAI's settings: <c>OPENAI_BASE_URL</c>, <c>OPENAI_API_KEY</c> and the <c>OpenAI</c> section.</summary>
    public static ProviderSettings OpenAi(IConfiguration configuration) =>
        Read(configuration, AiProvider.OpenAi, "OPENAI", "OpenAI", "https://api.openai.com/v1", "gpt-4o-mini");

    private static ProviderSettings Read(IConfiguration configuration, AiProvider provider, string variablePrefix, string sectionName, string defaultUrl, string defaultModel)
    {
        var section = configuration.GetSection(sectionName);
        var baseUrl = NonEmpty(configuration[variablePrefix + "_BASE_URL"]) ?? NonEmpty(section["BaseUrl"]);
        var seconds = section["TimeoutSeconds"];
        return new ProviderSettings(
            provider,
            BaseUrl: baseUrl ?? defaultUrl,
            ApiKey: NonEmpty(configuration[variablePrefix + "_API_KEY"]) ?? section["ApiKey"] ?? "",
            Model: NonEmpty(section["Model"]) ?? defaultModel,
            MaxTokens: section.GetValue("MaxTokens", 300),
            MaxRetries: section.GetValue<int?>("MaxRetries"),
            Timeout: string.IsNullOrWhiteSpace(seconds) ? null : TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture)),
            IsConfigured: baseUrl is not null);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
