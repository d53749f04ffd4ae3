using System.Buffers.Binary;
using ChaosKit.Fakes.Content;
using ChaosKit.Fakes.Determinism;

namespace ChaosKit.Fakes.Anthropic;

/// <summary>
/// The <c>thinking</c> block an answer with extended thinking starts with: text, the tokens it counts as (part of
/// <c>output_tokens</c>, and of <c>max_tokens</c>), and the opaque <c>signature</c> clients pass back on the next turn.
/// </summary>
/// <param name="Text">The (summarised) thinking.</param>
/// <param name="Tokens">Output tokens it counts as.</param>
/// <param name="Signature">An opaque base64 signature, as the real API sends; the fake never checks one sent back.</param>
internal sealed record Thinking(string Text, int Tokens, string Signature)
{
    /// <summary>
    /// Thinking for the answer seeded by <paramref name="contentSeed"/>, within <paramref name="budget"/> tokens; with
    /// <paramref name="omitted"/> (<c>display: omitted</c>) its text is left out but its tokens still count.
    /// </summary>
    public static Thinking Write(int contentSeed, int budget, bool omitted = false)
    {
        var hash = new StableHash();
        hash.Add(contentSeed);
        hash.Add("thinking");
        var seed = hash.FinishInt();
        var text = FakeAnswer.Write(seed, Math.Max(1, budget), []);
        var random = new SplitMix64((ulong)(uint)seed);
        var signature = new byte[96];
        // Little-endian whatever the machine, so a replay gets the same signature everywhere.
        for (var i = 0; i < signature.Length; i += 8) BinaryPrimitives.WriteUInt64LittleEndian(signature.AsSpan(i), random.Next());
        return new Thinking(omitted ? "" : text.Text, text.OutputTokens, Convert.ToBase64String(signature));
    }
}
