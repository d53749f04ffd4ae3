using ChaosKit.Core.Loading;

namespace ChaosKit.Core.Tests;

public class DurationParserTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData(" 10s ", 10_000)]
    public void Parses_valid_durations(string text, double ms)
    {
        Assert.True(DurationParser.TryParse(text, out var d));
        Assert.Equal(ms, d.TotalMilliseconds, 3);
    }

    [Theory]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("s")]
    [InlineData("30 s")]
    [InlineData("30sec")]
    [InlineData("-5s")]
    [InlineData("1d")]
    [InlineData("١٢٣s")] // digits of another script: \d matched them, and double.Parse then threw (found by ScenarioFuzzTests)
    [InlineData("1٠s")]
    public void Rejects_invalid_durations(string text) => Assert.False(DurationParser.TryParse(text, out _));

    [Fact]
    public void Explains_digits_of_another_script_without_throwing() =>
        Assert.Contains("is not a duration", DurationParser.Explain("١٢٣s"), StringComparison.Ordinal);

    [Theory]
    [InlineData(90_000, "1m30s")]
    [InlineData(250, "250ms")]
    [InlineData(1_500, "1.5s")]
    [InlineData(7_200_000, "2h")]
    public void Formats_the_way_files_write_it(double ms, string expected) =>
        Assert.Equal(expected, DurationParser.Format(TimeSpan.FromMilliseconds(ms)));
}
