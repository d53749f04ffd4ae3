using System.Buffers.Binary;
using System.Globalization;
using ChaosKit.Fakes.Content;
using ChaosKit.Fakes.Determinism;

namespace ChaosKit.Fakes.Gemini;

/// <summary>
/// What a Gemini thinking model (2.5 Pro, Flash and Flash-Lite, 3.x) may be asked to think: the range of
/// <c>thinkingBudget</c> it accepts, whether <c>0</c> turns its thinking off, and whether it thinks when not asked.
/// </summary>
/// <param name="MinBudget">The smallest budget above zero it accepts.</param>
/// <param name="MaxBudget">The largest budget it accepts.</param>
/// <param name="CanTurnOff">Whether a budget of 0 turns thinking off (2.5 Pro refuses it).</param>
/// <param name="OnByDefault">Whether it thinks when the request says nothing (2.5 Flash-Lite does not).</param>
internal sealed record GeminiThinkingRange(int MinBudget, int MaxBudget, bool CanTurnOff, bool OnByDefault);

/// <summary>
/// The thinking behind one Gemini answer: tokens spent (<c>usageMetadata.thoughtsTokenCount</c>, billed as output and
/// taken from <c>maxOutputTokens</c>, so a small limit leaves an empty answer cut at <c>MAX_TOKENS</c> as the real
/// API does), the thought summary sent as <c>"thought": true</c> parts when <c>includeThoughts</c> asks for it, and
/// the <c>thoughtSignature</c> a function call carries.
/// </summary>
/// <param name="Tokens">Thinking tokens; 0 when the model did not think.</param>
/// <param name="Summary">The thought summary; <see langword="null"/> unless <c>includeThoughts</c> asked for it.</param>
/// <param name="Signature">The opaque <c>thoughtSignature</c>; the fake never checks one sent back.</param>
internal sealed record GeminiThinking(int Tokens, Answer? Summary, string Signature)
{
    /// <summary>No thinking.</summary>
    public static GeminiThinking None { get; } = new(0, null, "");

    /// <summary>
    /// The 400 message for a budget <paramref name="model"/> does not accept, worded as the real API words it
    /// ("Budget 0 is invalid. This model only works in thinking mode.", "The thinking budget (52428) is invalid.");
    /// <see langword="null"/> when the request is acceptable.
    /// </summary>
    public static string? Refusal(GeminiModels.Model model, GenerateRequest request)
    {
        if (model.Thinking is not { } range || request.ThinkingBudget is not { } budget || budget == -1) return null;
        if (budget == 0)
            return range.CanTurnOff ? null : "Budget 0 is invalid. This model only works in thinking mode.";
        return budget < range.MinBudget || budget > range.MaxBudget
            ? string.Create(CultureInfo.InvariantCulture, $"The thinking budget ({budget}) is invalid.")
            : null;
    }

    /// <summary>
    /// The thinking for a call to <paramref name="model"/>, seeded by its content: a set budget spends between half of
    /// it and all of it; dynamic thinking (no budget, or -1) spends 128-1,024 tokens, scaled by <c>thinkingLevel</c>
    /// on models that take one; never more than <paramref name="limit"/> (<c>maxOutputTokens</c>).
    /// </summary>
    public static GeminiThinking For(GeminiModels.Model model, GenerateRequest request, int contentSeed, int limit)
    {
        if (model.Thinking is not { } range) return None;
        var budget = request.ThinkingBudget;
        if (budget == 0 || (budget is null && request.ThinkingLevel is null && !range.OnByDefault)) return None;
        var hash = new StableHash();
        hash.Add(contentSeed);
        hash.Add("gemini-thinking");
        var seed = hash.FinishInt();
        var random = new SplitMix64((ulong)(uint)seed);
        var (min, max) = budget > 0 ? (Math.Max(1, budget.Value / 2), budget.Value) : request.ThinkingLevel switch
        {
            "minimal" => (0, 32),
            "low" => (64, 384),
            "medium" => (128, 1024),
            "high" => (256, 2048),
            _ => (128, 1024),
        };
        var tokens = Math.Min(limit, random.Between(min, max));
        if (tokens <= 0) return None;
        var signature = new byte[64];
        // Little-endian whatever the machine, so a replay gets the same signature everywhere.
        for (var i = 0; i < signature.Length; i += 8) BinaryPrimitives.WriteUInt64LittleEndian(signature.AsSpan(i), random.Next());
        var summary = request.IncludeThoughts ? FakeAnswer.Summary(seed, tokens) : null;
        return new GeminiThinking(tokens, summary, Convert.ToBase64String(signature));
    }
}
