namespace ChaosKit.SampleApp.Configuration;

/// <summary>The AI providers the app can call.</summary>
internal enum AiProvider
{
    /// <summary>Claude, through the official Anthropic SDK.</summary>
    Anthropic,

    /// <summary>OpenAI, through the official OpenAI SDK.</summary>
    OpenAi,
}

/// <summary>How configuration, headers and logs name each <see cref="AiProvider"/>.</summary>
internal static class AiProviders
{
    /// <summary>The name in configuration and in <c>x-served-by</c>: <c>anthropic</c> or <c>openai</c>.</summary>
    public static string NameOf(AiProvider provider) => provider == AiProvider.Anthropic ? "anthropic" : "openai";

    /// <summary>The name people know it by, for logs: <c>Claude</c> or <c>OpenAI</c>.</summary>
    public static string DisplayNameOf(AiProvider provider) => provider == AiProvider.Anthropic ? "Claude" : "OpenAI";

    /// <summary>The other provider.</summary>
    public static AiProvider Other(AiProvider provider) => provider == AiProvider.Anthropic ? AiProvider.OpenAi : AiProvider.Anthropic;

    /// <summary>The provider named <paramref name="name"/> (any case); <see cref="AiProvider.Anthropic"/> when it is empty.</summary>
    /// <exception cref="InvalidOperationException">An unknown name.</exception>
    public static AiProvider ParsePrimary(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "anthropic" => AiProvider.Anthropic,
        "openai" => AiProvider.OpenAi,
        _ => throw new InvalidOperationException($"SampleApp:Primary is '{name}'; expected anthropic or openai."),
    };
}
