using ChaosKit.Fakes.Content;
using Microsoft.AspNetCore.Http;

namespace ChaosKit.Fakes.Anthropic;

/// <summary>
/// The context window and output cap of Claude's model families, and the 400s the API answers a request beyond them
/// with: "max_tokens: 100000 &gt; 64000, which is the maximum allowed number of output tokens for …" and "prompt is too
/// long: 210000 tokens &gt; 200000 maximum" (docs/providers.md#anthropic-model-limits). The <c>anthropic-beta</c> flags
/// that raise them (<c>context-1m-2025-08-07</c>, <c>output-128k-2025-02-19</c>) raise them here too.
/// </summary>
/// <remarks>Prompt tokens are the fake's estimate, so a prompt within a few percent of the window may pass or fail where the real count would not.</remarks>
internal static class AnthropicLimits
{
    private const int Window = 200_000;
    private const string LongContextBeta = "context-1m-2025-08-07";
    private const string LongOutputBeta = "output-128k-2025-02-19";

    // Most specific prefix first: output cap, and whether the 1M-token context beta applies.
    private static readonly (string Prefix, int MaxOutput, bool LongContext, bool LongOutput)[] Families =
    [
        ("claude-opus-4-5", 64_000, false, false),
        ("claude-haiku-4-5", 64_000, false, false),
        ("claude-sonnet-4-5", 64_000, true, false),
        ("claude-opus-4", 32_000, false, false),
        ("claude-sonnet-4", 64_000, true, false),
        ("claude-3-7-sonnet", 64_000, false, true),
        ("claude-3-5-haiku", 8_192, false, false),
        ("claude-3-5-sonnet", 8_192, false, false),
        ("claude-3-haiku", 4_096, false, false),
        ("claude-3-opus", 4_096, false, false),
    ];

    /// <summary>
    /// The 400 message for a request to <paramref name="served"/> beyond its limits (with the betas in
    /// <paramref name="headers"/>), or <see langword="null"/>; models outside these families have no limits here.
    /// </summary>
    public static string? Refusal(MessagesRequest request, string served, IHeaderDictionary headers)
    {
        foreach (var (prefix, maxOutput, longContext, longOutput) in Families)
        {
            if (!served.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var betas = headers["anthropic-beta"].ToString();
            var cap = longOutput && betas.Contains(LongOutputBeta, StringComparison.Ordinal) ? 128_000 : maxOutput;
            if (request.MaxTokens > cap)
                return $"max_tokens: {request.MaxTokens} > {cap}, which is the maximum allowed number of output tokens for {served}";
            var window = longContext && betas.Contains(LongContextBeta, StringComparison.Ordinal) ? 1_000_000 : Window;
            var prompt = FakeAnswer.Tokens(request.PromptChars);
            return prompt > window ? $"prompt is too long: {prompt} tokens > {window} maximum" : null;
        }
        return null;
    }
}
