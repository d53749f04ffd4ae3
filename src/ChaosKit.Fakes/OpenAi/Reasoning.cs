using ChaosKit.Fakes.Determinism;

namespace ChaosKit.Fakes.OpenAi;

/// <summary>
/// Reasoning models (o1, o3, o4-mini, gpt-5 and their snapshots, not gpt-5-chat): before answering they spend hidden
/// reasoning tokens, billed as output (<c>reasoning_tokens</c>) and taken from the same token limit, so a small
/// <c>max_completion_tokens</c> / <c>max_output_tokens</c> leaves an empty answer cut at <c>length</c> as the real API does.
/// </summary>
internal static class Reasoning
{
    /// <summary>Whether <paramref name="model"/> reasons before it answers.</summary>
    public static bool Applies(string model) =>
        model.StartsWith("o1", StringComparison.Ordinal) || model.StartsWith("o3", StringComparison.Ordinal)
        || model.StartsWith("o4", StringComparison.Ordinal)
        || (model.StartsWith("gpt-5", StringComparison.Ordinal) && !model.Contains("-chat", StringComparison.Ordinal));

    /// <summary>
    /// Reasoning tokens for a call, seeded by its content and scaled by <paramref name="effort"/> (<c>minimal</c> none,
    /// <c>low</c> 32-128, <c>medium</c> and unset 64-384, <c>high</c> 256-1,024), at most <paramref name="limit"/>.
    /// </summary>
    public static int Tokens(string? effort, int contentSeed, int limit)
    {
        var (min, max) = effort switch
        {
            "minimal" or "none" => (0, 0),
            "low" => (32, 128),
            "high" => (256, 1024),
            _ => (64, 384),
        };
        var hash = new StableHash();
        hash.Add(contentSeed);
        hash.Add("reasoning");
        return Math.Min(limit, new SplitMix64(hash.Finish()).Between(min, max));
    }
}
