using ChaosKit.Fakes.Content;

namespace ChaosKit.Fakes.Tests.Content;

public sealed class TokenPiecesTests
{
    [Theory]
    [InlineData(1, 30)]
    [InlineData(7, 64)]
    [InlineData(11, 4096)]
    public void Every_piece_carries_one_token_and_the_pieces_add_up_to_the_text(int seed, int maxTokens)
    {
        var answer = FakeAnswer.Write(seed, maxTokens, []);
        var pieces = new TokenPieces(answer.Text, answer.OutputTokens);

        Assert.Equal(answer.OutputTokens, pieces.Count);
        Assert.Equal(answer.Text, string.Concat(Enumerable.Range(0, pieces.Count).Select(i => pieces[i])));
        Assert.All(Enumerable.Range(0, pieces.Count), i => Assert.Equal(1, pieces.TokensAt(i, 0, answer.OutputTokens)));
        Assert.All(Enumerable.Range(0, pieces.Count), i => Assert.NotEmpty(pieces[i]));
    }

    [Fact]
    public void A_cut_answer_reports_the_limit_and_still_streams_one_token_per_chunk()
    {
        // Cut at a whole word, the text is shorter than 4 characters per token; no chunk may carry the leftovers.
        var answer = FakeAnswer.Write(3, 30, []);
        Assert.Equal(30, answer.OutputTokens);
        Assert.True(answer.Text.Length < 30 * FakeAnswer.CharsPerToken, $"{answer.Text.Length} characters");

        var pieces = new TokenPieces(answer.Text, answer.OutputTokens);
        Assert.Equal(30, pieces.Count);
        Assert.Equal(1, pieces.TokensAt(29, 0, 30));
        Assert.Equal(0, pieces.TokensAt(30, 0, 30));
    }

    [Fact]
    public void More_tokens_than_characters_gives_one_character_per_piece_and_the_rest_to_the_last()
    {
        var pieces = new TokenPieces("abc", 5);

        Assert.Equal(3, pieces.Count);
        Assert.Equal(["a", "b", "c"], Enumerable.Range(0, 3).Select(i => pieces[i]));
        Assert.Equal(3, pieces.TokensAt(2, 0, 5));
    }
}
