namespace ChaosKit.SampleApp;

/// <summary>How the app talks to Claude, read from configuration and the standard Anthropic environment variables.</summary>
internal sealed record AskSettings(string BaseUrl, string ApiKey, string Model, int MaxTokens, int MaxRetries, TimeSpan Timeout)
{
    public static AskSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Anthropic");
        return new AskSettings(
            BaseUrl: configuration["ANTHROPIC_BASE_URL"] ?? section["BaseUrl"] ?? "https://api.anthropic.com",
            ApiKey: configuration["ANTHROPIC_API_KEY"] ?? section["ApiKey"] ?? "",
            Model: section["Model"] ?? "claude-sonnet-4-5",
            MaxTokens: section.GetValue("MaxTokens", 300),
            MaxRetries: section.GetValue("MaxRetries", 2),
            Timeout: TimeSpan.FromSeconds(section.GetValue("TimeoutSeconds", 30.0)));
    }
}
