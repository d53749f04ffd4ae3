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
}
