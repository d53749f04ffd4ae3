namespace ChatApp;

/// <summary>Where the providers are and how hard to try each: the SDKs' usual variables, and a <c>Chat</c> section.</summary>
public sealed record ChatSettings(
    string OpenAIBaseUrl, string OpenAIKey, string OpenAIModel,
    string AnthropicBaseUrl, string AnthropicKey, string AnthropicModel,
    int MaxRetries)
{
    public static ChatSettings From(IConfiguration configuration) => new(
        configuration["OPENAI_BASE_URL"] ?? "https://api.openai.com/v1",
        configuration["OPENAI_API_KEY"] ?? "",
        configuration["Chat:OpenAIModel"] ?? "gpt-4o-mini",
        configuration["ANTHROPIC_BASE_URL"] ?? "https://api.anthropic.com",
        configuration["ANTHROPIC_API_KEY"] ?? "",
        configuration["Chat:AnthropicModel"] ?? "claude-sonnet-4-5",
        configuration.GetValue("Chat:MaxRetries", 2));
}
