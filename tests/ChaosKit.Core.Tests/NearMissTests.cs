using ChaosKit.Core.Loading;

namespace ChaosKit.Core.Tests;

public class NearMissTests
{
    [Theory]
    [InlineData("timline", "timeline")]
    [InlineData("tiemline", "timeline")]
    [InlineData("Load", "load")]
    [InlineData("expcet", "expect")]
    public void Suggests_the_closest_known_name(string given, string expected) =>
        Assert.Equal(expected, NearMiss.Suggest(given, ["name", "timeline", "load", "expect", "providers"]));

    [Fact]
    public void Suggests_nothing_for_an_unrelated_word() =>
        Assert.Null(NearMiss.Suggest("banana", ["name", "timeline", "load"]));

    [Fact]
    public void Two_long_texts_are_no_typo_of_each_other_and_cost_nothing_to_compare()
    {
        // A 60,000-character name met another one in a fuzzed file: the distance table took seconds and gigabytes.
        var long1 = new string('H', 60_000);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var suggestion = NearMiss.Suggest(long1 + "x", [long1, "claude"]);

        Assert.Null(suggestion);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_word_much_longer_or_shorter_than_a_name_is_not_compared_with_it() =>
        Assert.Equal("load", NearMiss.Suggest("laod", ["load", "a-much-longer-candidate-name"]));
}
