using ChaosKit.Fakes.Content;

namespace ChaosKit.Fakes.OpenAi;

/// <summary>
/// The context window and output cap of OpenAI's model families, and the 400s the API answers a request beyond them
/// with: a prompt longer than the window (<c>context_length_exceeded</c>), a token limit above the cap
/// ("max_tokens is too large"). A conversation that outgrows its model fails against the fake as against the API.
/// </summary>
/// <remarks>
/// Prompt tokens are the fake's estimate (<see cref="FakeAnswer.CharsPerToken"/> characters a token), so a prompt
/// within a few percent of the window may pass or fail where the real tokenizer would not. Models outside these
/// families have no limits here.
/// </remarks>
internal static class OpenAiLimits
{
    /// <summary>A model family's limits.</summary>
    /// <param name="ContextWindow">Tokens of prompt and answer together.</param>
    /// <param name="MaxOutput">Most tokens one answer may be asked for.</param>
    internal readonly record struct Limits(int ContextWindow, int MaxOutput);

    // Most specific prefix first; the published limits of each family.
    private static readonly (string Prefix, Limits Limits)[] Families =
    [
        ("gpt-5-chat", new(128_000, 16_384)),
        ("gpt-5", new(400_000, 128_000)),
        ("gpt-4.1", new(1_047_576, 32_768)),
        ("gpt-4o", new(128_000, 16_384)),
        ("chatgpt-4o", new(128_000, 16_384)),
        ("o1-mini", new(128_000, 65_536)),
        ("o1", new(200_000, 100_000)),
        ("o3", new(200_000, 100_000)),
        ("o4-mini", new(200_000, 100_000)),
        ("gpt-4-turbo", new(128_000, 4_096)),
        ("gpt-4-0613", new(8_192, 8_192)),
        ("gpt-3.5-turbo", new(16_385, 4_096)),
    ];

    /// <summary>The limits of <paramref name="model"/> (an alias or a snapshot), or <see langword="null"/> when unknown.</summary>
    public static Limits? Of(string model)
    {
        foreach (var (prefix, limits) in Families)
        {
            if (model.StartsWith(prefix, StringComparison.Ordinal)) return limits;
        }
        return null;
    }

    /// <summary>The 400 for a chat request beyond <paramref name="model"/>'s limits, or <see langword="null"/>.</summary>
    public static OpenAiError? ChatRefusal(ChatRequest request, string model)
    {
        if (Of(model) is not { } limits) return null;
        var promptTokens = FakeAnswer.Tokens(request.PromptChars);
        if (promptTokens > limits.ContextWindow)
            return new OpenAiError(
                $"This model's maximum context length is {limits.ContextWindow} tokens. However, your messages resulted in {promptTokens} tokens. " +
                "Please reduce the length of the messages.", OpenAiError.InvalidRequest, "messages", "context_length_exceeded");
        if (request.MaxTokensField is { } field && request.MaxTokens > limits.MaxOutput)
            return new OpenAiError(
                $"{field} is too large: {request.MaxTokens}. This model supports at most {limits.MaxOutput} completion tokens, " +
                $"whereas you provided {request.MaxTokens}.", OpenAiError.InvalidRequest, field, "invalid_value");
        return null;
    }

    /// <summary>The 400 for a Responses request whose input is beyond <paramref name="model"/>'s context window, or <see langword="null"/>.</summary>
    public static OpenAiError? ResponsesRefusal(ResponsesRequest request, string model) =>
        Of(model) is { } limits && FakeAnswer.Tokens(request.PromptChars) > limits.ContextWindow
            ? new OpenAiError("Your input exceeds the context window of this model. Please adjust your input and try again.",
                OpenAiError.InvalidRequest, "input", "context_length_exceeded")
            : null;
}
