namespace ChaosKit.Fakes.Content;

/// <summary>
/// Cuts an answer into the pieces a stream sends, one per estimated token (<see cref="FakeAnswer.CharsPerToken"/>
/// characters each, the last one shorter), so the streamed pieces add up to the text and their count to its tokens.
/// </summary>
internal readonly struct TokenPieces(string text)
{
    /// <summary>Number of pieces.</summary>
    public int Count { get; } = FakeAnswer.Tokens(text.Length);

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
    public string this[int index]
    {
        get
        {
            var start = index * FakeAnswer.CharsPerToken;
            return text.Substring(start, Math.Min(FakeAnswer.CharsPerToken, text.Length - start));
        }
    }
}
