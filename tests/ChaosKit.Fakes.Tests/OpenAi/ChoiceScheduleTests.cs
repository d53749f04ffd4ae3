using ChaosKit.Fakes.Content;
using ChaosKit.Fakes.OpenAi;

namespace ChaosKit.Fakes.Tests.OpenAi;

public sealed class ChoiceScheduleTests
{
    private static ChatChoice Choice(string text, int tokens) => new(new Answer(text, tokens, AnswerEnd.Natural, null), "");

    [Fact]
    public void One_choice_sends_its_pieces_then_its_finish()
    {
        var schedule = new ChoiceSchedule([Choice("abcdef", 3)]);

        Assert.Equal(4, schedule.Count);
        Assert.Equal(3, schedule.TotalTokens);
        Assert.Equal(["ab", "cd", "ef"], Enumerable.Range(0, 3).Select(i => schedule.Text(schedule.At(i)).ToString()));
        Assert.Equal(new ChoiceSchedule.Entry(0, ChoiceSchedule.Finish), schedule.At(3));
        Assert.Equal([1, 1, 1, 0], Enumerable.Range(0, 4).Select(schedule.TokensAt));
    }

    [Fact]
    public void Several_choices_take_turns_and_each_finishes_right_after_its_last_piece()
    {
        var schedule = new ChoiceSchedule([Choice("aabbcc", 3), Choice("xy", 1), Choice("pq", 2)]);

        var order = Enumerable.Range(0, schedule.Count).Select(i => schedule.At(i)).ToList();

        Assert.Equal(
            [(0, 0), (1, 0), (2, 0), (0, 1), (1, -1), (2, 1), (0, 2), (2, -1), (0, -1)],
            order.Select(e => (e.Choice, e.Piece)));
        Assert.Equal(6, schedule.TotalTokens);
        Assert.Equal(schedule.TotalTokens, Enumerable.Range(0, schedule.Count).Sum(schedule.TokensAt));
        Assert.Equal("xy", schedule.Text(order[1]).ToString());
    }
}
