using System.Globalization;

namespace ChaosKit.Fakes.OpenAi;

/// <summary>
/// The chat parameters reasoning models (o1, o3, o4-mini, gpt-5) refuse with a 400 that apps meet when they switch
/// models: the legacy <c>max_tokens</c> (they take <c>max_completion_tokens</c>) and any <c>temperature</c> but 1.
/// Wordings as public reports quote the API (OpenAI and Azure alike); see docs/providers.md#openai-reasoning-models.
/// </summary>
internal static class ReasoningParameters
{
    /// <summary>The 400 for a chat parameter <paramref name="model"/> does not take, or <see langword="null"/>.</summary>
    public static OpenAiError? ChatRefusal(ChatRequest request, string model)
    {
        if (!Reasoning.Applies(model)) return null;
        if (request.SetsLegacyMaxTokens)
            return new OpenAiError("Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
                OpenAiError.InvalidRequest, "max_tokens", "unsupported_parameter");
        if (request.Temperature is { } temperature && temperature != 1.0)
            return new OpenAiError(
                $"Unsupported value: 'temperature' does not support {temperature.ToString(CultureInfo.InvariantCulture)} with this model. Only the default (1) value is supported.",
                OpenAiError.InvalidRequest, "temperature", "unsupported_value");
        return null;
    }
}
