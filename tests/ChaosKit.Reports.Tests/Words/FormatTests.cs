using ChaosKit.Reports.Words;

namespace ChaosKit.Reports.Tests.Words;

public sealed class FormatTests
{
    [Theory]
    [InlineData(0, "0:00")]
    [InlineData(20, "0:20")]
    [InlineData(60.8, "1:00.8")]
    [InlineData(2.5, "0:02.5")]
    [InlineData(3599.96, "1:00:00")]
    [InlineData(3725, "1:02:05")]
    [InlineData(double.NaN, "—")]
    public void Clock_reads_as_minutes_and_seconds(double seconds, string expected) => Assert.Equal(expected, Format.Clock(seconds));

    [Theory]
    [InlineData(45.24, "45.2 s")]
    [InlineData(60.8, "1 min 01 s")]
    [InlineData(3600, "1 h 00 min")]
    public void Duration_reads_for_people(double seconds, string expected) => Assert.Equal(expected, Format.Duration(seconds));

    [Theory]
    [InlineData(3.214, "3.21")]
    [InlineData(45.67, "45.7")]
    [InlineData(1234.56, "1,235")]
    [InlineData(double.PositiveInfinity, "—")]
    public void Milliseconds_keep_meaningful_digits(double ms, string expected) => Assert.Equal(expected, Format.Ms(ms));

    [Theory]
    [InlineData(1, "100%")]
    [InlineData(0.99954, "99.95%")]
    [InlineData(0.125, "12.5%")]
    public void Ratios_read_as_percentages(double ratio, string expected) => Assert.Equal(expected, Format.Percent(ratio));

    [Fact]
    public void Numbers_group_thousands() => Assert.Equal("2,750.5", Format.Number(2750.5));
}
