namespace ChaosKit.Fakes.Content;

/// <summary>
/// Cuts an answer into the pieces a stream sends, one per token it counts as, so the streamed pieces add up to the
/// text, their count to its usage, and a paced stream sends one token per chunk, evenly, as the real APIs do.
/// </summary>
/// <remarks>
/// An answer cut at <c>max_tokens</c> reports exactly the limit while its text (trimmed to whole words) is a little
/// shorter than <see cref="FakeAnswer.CharsPerToken"/> characters per token: its pieces are then a little shorter,
/// rather than the last piece carrying the leftover tokens and arriving several token-times late.
/// </remarks>
/// <param name="text">The answer's text.</param>
/// <param name="tokens">The tokens it counts as.</param>
internal readonly struct TokenPieces(string text, int tokens)
{
    /// <summary>Number of pieces: one per token, but never more than the text has characters.</summary>
    public int Count { get; } = text.Length == 0 ? 0 : Math.Clamp(tokens, 1, text.Length);

    /// <summary>
    /// Tokens the stream chunk at <paramref name="index"/> carries, when pieces start at chunk <paramref name="first"/>:
    /// 1 per piece, the last one taking whatever the answer's <paramref name="totalTokens"/> leaves over, so the
    /// deltas add up to the reported usage; 0 for chunks that carry no piece (framing events).
    /// </summary>
    public int TokensAt(int index, int first, int totalTokens)
    {
        var piece = index - first;
        if (piece < 0 || piece >= Count) return 0;
        return piece == Count - 1 ? Math.Max(1, totalTokens - piece) : 1;
    }

    /// <summary>Piece <paramref name="index"/>.</summary>
    public string this[int index] => new(Span(index));

    /// <summary>Piece <paramref name="index"/>, without copying it out of the text.</summary>
    public ReadOnlySpan<char> Span(int index)
    {
        var start = (int)((long)index * text.Length / Count);
        var end = (int)((long)(index + 1) * text.Length / Count);
        return text.AsSpan(start, end - start);
    }
}
