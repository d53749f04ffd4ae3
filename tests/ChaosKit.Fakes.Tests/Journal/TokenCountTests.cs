using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Journal;

namespace ChaosKit.Fakes.Tests.Journal;

/// <summary>The tokens a phase's counters say were billed, and those paid for answers that never arrived whole.</summary>
public class TokenCountTests
{
    private static CallRecord Call(int status, string? fault, int? input, int? output) =>
        new("claude", "POST /v1/messages", status, fault, 0, null, null, TimeSpan.Zero, TimeSpan.FromMilliseconds(5))
        {
            InputTokens = input,
            OutputTokens = output,
        };

    [Fact]
    public void Answers_under_way_are_billed_and_those_cut_or_given_up_on_are_wasted()
    {
        var counters = new PhaseCallCounters();

        counters.Add(Call(200, null, 10, 90));                          // a whole answer: billed
        counters.Add(Call(200, StreamCutFault.Kind, 10, 40));           // cut part-way: billed, wasted
        counters.Add(Call(CallRecord.NoAnswer, "latency", 10, 20));     // the client hung up mid-answer: billed, wasted
        counters.Add(Call(529, "error", 10, null));                     // an error answer bills nothing
        counters.Add(Call(200, "latency", 10, 50));                     // slow but whole: billed

        var stats = counters.Snapshot();

        Assert.Equal((100 + 50 + 30 + 60, 50 + 30), (stats.TokensBilled, stats.TokensWasted));
    }
}
