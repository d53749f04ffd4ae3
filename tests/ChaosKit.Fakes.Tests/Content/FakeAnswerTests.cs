using ChaosKit.Fakes.Content;

namespace ChaosKit.Fakes.Tests.Content;

public sealed class FakeAnswerTests
{
    [Fact]
    public void Same_seed_same_answer()
    {
        Assert.Equal(FakeAnswer.Write(5, 4096, []), FakeAnswer.Write(5, 4096, []));
        Assert.NotEqual(FakeAnswer.Write(5, 4096, []).Text, FakeAnswer.Write(6, 4096, []).Text);
    }

    [Fact]
    public void Natural_answers_stay_within_their_word_range()
    {
        for (var seed = 0; seed < 50; seed++)
        {
            var answer = FakeAnswer.Write(seed, 100_000, []);
            Assert.Equal(AnswerEnd.Natural, answer.End);
            Assert.InRange(answer.Text.Split(' ').Length, FakeAnswer.MinWords, FakeAnswer.MaxWords);
            Assert.Equal(FakeAnswer.Tokens(answer.Text.Length), answer.OutputTokens);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(10)]
    public void Max_tokens_cuts_at_a_word_and_reports_the_limit(int maxTokens)
    {
        var answer = FakeAnswer.Write(1, maxTokens, []);

        Assert.Equal(AnswerEnd.MaxTokens, answer.End);
        Assert.Equal(maxTokens, answer.OutputTokens);
        Assert.InRange(answer.Text.Length, 1, maxTokens * FakeAnswer.CharsPerToken);
        Assert.Equal(answer.Text, answer.Text.Trim());
    }
}
