namespace ChaosKit.SampleApp.Configuration;

/// <summary>Everything the app reads from configuration at start-up, checked once there.</summary>
/// <param name="Profile">The resilience profile (<c>SampleApp:Profile</c>).</param>
/// <param name="Primary">The provider asked first (<c>SampleApp:Primary</c>).</param>
/// <param name="Anthropic">How to reach Claude.</param>
/// <param name="OpenAi">How to reach OpenAI.</param>
/// <param name="MaxAnswerChars">The longest answer the <c>resilient</c> profile lets through (<c>SampleApp:MaxAnswerChars</c>).</param>
/// <param name="NaiveTimeout">The <c>naive</c> profile's SDK timeout: the provider's <c>TimeoutSeconds</c>, else 120 s.</param>
/// <param name="Resilient">The <c>resilient</c> profile's limits (<c>SampleApp:Resilient</c>).</param>
/// <param name="StatusPages">The status pages the <c>resilient</c> profile reads.</param>
internal sealed record SampleAppSettings(
    ResilienceProfile Profile,
    AiProvider Primary,
    ProviderSettings Anthropic,
    ProviderSettings OpenAi,
    int MaxAnswerChars,
    TimeSpan NaiveTimeout,
    ResilientSettings Resilient,
    IReadOnlyList<StatusPageSource> StatusPages)
{
    /// <summary>The prefix of the variables ChaosKit sets to each fake provider's status page.</summary>
    public const string StatusPageVariablePrefix = "CHAOSKIT_STATUS_PAGE_";

    /// <summary>Reads and checks the settings.</summary>
    /// <exception cref="InvalidOperationException">A setting the app cannot start with, e.g. an unknown profile.</exception>
    public static SampleAppSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("SampleApp");
        var settings = new SampleAppSettings(
            ResilienceProfiles.Parse(section["Profile"]),
            AiProviders.ParsePrimary(section["Primary"]),
            ProviderSettings.Anthropic(configuration),
            ProviderSettings.OpenAi(configuration),
            section.GetValue("MaxAnswerChars", 8_000),
            TimeSpan.FromSeconds(section.GetValue("NaiveTimeoutSeconds", 120.0)),
            ResilientSettings.From(section.GetSection("Resilient")),
            StatusPagesOf(configuration, section.GetSection("StatusPages")));
        if (settings.Primary == AiProvider.OpenAi && !settings.OpenAi.IsConfigured)
            throw new InvalidOperationException("SampleApp:Primary is openai, but OpenAI has no base URL: set OPENAI_BASE_URL or OpenAI:BaseUrl.");
        // The OpenAI SDK refuses an empty key; say so at start-up rather than on the first request.
        if (settings.Chain().Contains(AiProvider.OpenAi) && settings.OpenAi.ApiKey.Length == 0)
            throw new InvalidOperationException("OpenAI has no API key: set OPENAI_API_KEY or OpenAI:ApiKey.");
        return settings;
    }

    /// <summary>The settings of <paramref name="provider"/>.</summary>
    public ProviderSettings For(AiProvider provider) => provider == AiProvider.Anthropic ? Anthropic : OpenAi;

    /// <summary>The providers this profile calls, in order: the primary, then (only <c>resilient</c>) the other when it is configured.</summary>
    public IReadOnlyList<AiProvider> Chain()
    {
        var other = AiProviders.Other(Primary);
        return Profile == ResilienceProfile.Resilient && For(other).IsConfigured ? [Primary, other] : [Primary];
    }

    // Named pages (SampleApp:StatusPages:Anthropic) say whose they are; a ChaosKit variable names a scenario's provider,
    // whose kind the page itself tells once it is read.
    private static List<StatusPageSource> StatusPagesOf(IConfiguration configuration, IConfigurationSection named)
    {
        var pages = new List<StatusPageSource>();
        foreach (var provider in Enum.GetValues<AiProvider>())
        {
            if (Url(named[provider == AiProvider.Anthropic ? "Anthropic" : "OpenAI"]) is { } url)
                pages.Add(new StatusPageSource($"SampleApp:StatusPages:{(provider == AiProvider.Anthropic ? "Anthropic" : "OpenAI")}", url, provider));
        }
        foreach (var (key, value) in configuration.AsEnumerable().OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (key.StartsWith(StatusPageVariablePrefix, StringComparison.OrdinalIgnoreCase) && Url(value) is { } url)
                pages.Add(new StatusPageSource(key, url, null));
        }
        return pages;
    }

    private static Uri? Url(string? value) =>
        Uri.TryCreate(value?.Trim().TrimEnd('/'), UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null;
}

/// <summary>A status page to read.</summary>
/// <param name="Origin">Where it was configured: the variable or key, for logs.</param>
/// <param name="PageUrl">The page's base URL; the documents are under <c>/api/v2/</c>.</param>
/// <param name="Provider">Whose page it is when configuration says so; <see langword="null"/> when the page tells.</param>
internal sealed record StatusPageSource(string Origin, Uri PageUrl, AiProvider? Provider);
