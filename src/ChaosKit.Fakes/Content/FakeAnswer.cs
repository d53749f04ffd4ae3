using System.Buffers;
using Bogus;
using Bogus.Bson;
using ChaosKit.Fakes.Determinism;

namespace ChaosKit.Fakes.Content;

/// <summary>How a generated answer ended.</summary>
internal enum AnswerEnd
{
    /// <summary>The answer finished on its own (<c>end_turn</c>).</summary>
    Natural,
    /// <summary>Cut at the request's token limit (<c>max_tokens</c>).</summary>
    MaxTokens,
    /// <summary>Cut before one of the request's stop sequences (<c>stop_sequence</c>).</summary>
    StopSequence,
    /// <summary>The request forced a tool, and the answer is a call to it (<c>tool_use</c>, <c>tool_calls</c>).</summary>
    ToolCall,
}

/// <summary>A generated answer.</summary>
/// <param name="Text">The text.</param>
/// <param name="OutputTokens">Tokens it counts as (exactly the limit when cut by it).</param>
/// <param name="End">Why it ended.</param>
/// <param name="StopSequence">The stop sequence that ended it, if any.</param>
internal sealed record Answer(string Text, int OutputTokens, AnswerEnd End, string? StopSequence)
{
    /// <summary>The forced tool call, when <see cref="End"/> is <see cref="AnswerEnd.ToolCall"/>; <see cref="Text"/> then holds its arguments.</summary>
    public ToolCall? Tool { get; init; }

    /// <summary>An answer that calls <paramref name="tool"/>.</summary>
    public static Answer Calling(ToolCall tool) => new(tool.Arguments, tool.OutputTokens, AnswerEnd.ToolCall, null) { Tool = tool };

    /// <summary>
    /// The answer a request gets, the same way in every protocol: a call to the tool it forces; else, within
    /// <paramref name="maxTokens"/>, JSON for a structured <paramref name="format"/> or lorem text. No tokens left
    /// (a reasoning model or thinking spent them all) is an empty answer cut at the limit.
    /// </summary>
    public static Answer For(int seed, int maxTokens, IReadOnlyList<string> stops, (string Name, string Schema)? forcedTool, StructuredFormat? format) =>
        forcedTool is { } forced ? Calling(new ToolCall(forced.Name, SchemaSample.Write(forced.Schema, seed)))
        : maxTokens <= 0 ? new Answer("", 0, AnswerEnd.MaxTokens, null)
        : format is not null ? StructuredAnswer.Write(format, seed, maxTokens)
        : FakeAnswer.Write(seed, maxTokens, stops);
}

/// <summary>
/// Lorem-ipsum answers from Bogus, fully determined by a seed: the fakes derive it from the scenario seed and the
/// request body, so the same request in the same scenario always gets the same answer.
/// </summary>
/// <remarks>
/// Token counts are estimated as one token per <see cref="CharsPerToken"/> characters, rounded up: close to what
/// BPE tokenizers give for English, and simple enough to check by hand. An answer naturally runs
/// <see cref="MinWords"/>–<see cref="MaxWords"/> words (about 25–260 tokens); when that exceeds the request's
/// <c>max_tokens</c> it is cut at the last whole word that fits and reports exactly <c>max_tokens</c>, as the real
/// APIs do.
/// </remarks>
internal static class FakeAnswer
{
    /// <summary>Characters per estimated token.</summary>
    public const int CharsPerToken = 4;

    /// <summary>Fewest words in a natural answer.</summary>
    public const int MinWords = 15;

    /// <summary>Most words in a natural answer.</summary>
    public const int MaxWords = 150;

    /// <summary>Estimated tokens for <paramref name="chars"/> characters of text.</summary>
    public static int Tokens(long chars) => chars <= 0 ? 0 : (int)Math.Min(int.MaxValue, (chars + CharsPerToken - 1) / CharsPerToken);

    /// <summary>Writes the answer for <paramref name="seed"/>, within <paramref name="maxTokens"/>.</summary>
    public static Answer Write(int seed, int maxTokens, IReadOnlyList<string> stopSequences)
    {
        // Text past the token limit would be cut anyway; stop generating a little beyond it (same result, less work).
        var enoughChars = (long)maxTokens * CharsPerToken + 1;
        var random = new SplitMix64((ulong)(uint)seed);
        var targetWords = random.Between(MinWords, MaxWords);
        // Generated into one pooled buffer and cut there, so an answer costs one string, not a builder and copies.
        var capacity = (int)Math.Min(targetWords * (LongestWord + 2L) + 2, enoughChars + SentenceChars);
        var buffer = ArrayPool<char>.Shared.Rent(capacity);
        try
        {
            var natural = buffer.AsSpan(0, Lorem(ref random, targetWords, enoughChars, buffer));
            var (cut, stop) = FirstStopSequence(natural, stopSequences);
            var text = natural[..cut];
            if (Tokens(text.Length) > maxTokens)
                return new Answer(new string(TrimToWords(text, (long)maxTokens * CharsPerToken)), maxTokens, AnswerEnd.MaxTokens, null);
            return stop is null
                ? new Answer(new string(text), Tokens(text.Length), AnswerEnd.Natural, null)
                : new Answer(new string(text), Tokens(text.Length), AnswerEnd.StopSequence, stop);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The summary of <paramref name="thinkingTokens"/> of hidden thinking or reasoning for the answer seeded by
    /// <paramref name="answerSeed"/> (its own text, not the answer's): shorter than what it sums up, at most a quarter
    /// of it and never over 200 tokens.
    /// </summary>
    public static Answer Summary(int answerSeed, int thinkingTokens)
    {
        var hash = new StableHash();
        hash.Add(answerSeed);
        hash.Add("summary");
        return Write(hash.FinishInt(), Math.Clamp(thinkingTokens / 4, 1, 200), []);
    }

    // Bogus's own lorem word list, read once: asking Bogus for each word looks it up in the locale tables every
    // time. Words are drawn with our SplitMix64, not Bogus's Randomizer, whose every draw takes one process-wide lock
    // that concurrent calls would contend for (docs/benchmarks.md#why-the-hot-paths-look-the-way-they-do).
    private static readonly string[] Words = LoadWords();

    private static string[] LoadWords()
    {
        var list = (BArray)Database.Get("lorem", "words", "en", "en");
        var words = new string[list.Count];
        for (var i = 0; i < words.Length; i++) words[i] = list[i].StringValue;
        return words;
    }

    private static readonly int LongestWord = Words.Max(w => w.Length);

    // The most a sentence adds past the length check: 14 words, their spaces and the full stop.
    private static readonly int SentenceChars = 14 * (LongestWord + 1) + 2;

    private static int Lorem(ref SplitMix64 random, int targetWords, long enoughChars, char[] text)
    {
        var length = 0;
        for (var words = 0; words < targetWords && length <= enoughChars;)
        {
            // A sentence of 4-14 words, capitalised, ending in a full stop (Bogus's Sentence shape).
            var count = Math.Min(random.Between(4, 14), targetWords - words);
            if (length > 0) text[length++] = ' ';
            for (var i = 0; i < count; i++)
            {
                var word = Words[random.Between(0, Words.Length - 1)];
                if (i > 0) text[length++] = ' ';
                word.CopyTo(0, text, length, word.Length);
                if (i == 0) text[length] = char.ToUpperInvariant(word[0]);
                length += word.Length;
            }
            text[length++] = '.';
            words += count;
        }
        return length;
    }

    private static (int Index, string? Stop) FirstStopSequence(ReadOnlySpan<char> text, IReadOnlyList<string> stopSequences)
    {
        var first = (Index: text.Length, Stop: (string?)null);
        foreach (var stop in stopSequences)
        {
            if (stop.Length == 0) continue;
            var index = text.IndexOf(stop, StringComparison.Ordinal);
            if (index >= 0 && index < first.Index) first = (index, stop);
        }
        return first;
    }

    private static ReadOnlySpan<char> TrimToWords(ReadOnlySpan<char> text, long maxChars)
    {
        if (text.Length <= maxChars) return text;
        var limit = (int)maxChars;
        // The last space at or before the limit, as string.LastIndexOf(' ', limit) finds it.
        var space = text[..(limit + 1)].LastIndexOf(' ');
        return (space > 0 ? text[..space] : text[..Math.Max(1, limit)]).TrimEnd();
    }
}
