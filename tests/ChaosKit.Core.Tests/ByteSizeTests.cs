using ChaosKit.Core.Loading;

namespace ChaosKit.Core.Tests;

public class ByteSizeTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("65536", 65_536L)]
    [InlineData("64KB", 65_536L)]
    [InlineData("500mb", 524_288_000L)]
    [InlineData("1GB", 1_073_741_824L)]
    [InlineData("1.5 GB", 1_610_612_736L)]
    [InlineData("2TB", 2_199_023_255_552L)]
    [InlineData("900B", 900L)]
    public void Reads_a_size_in_binary_units(string text, long bytes)
    {
        Assert.True(ByteSize.TryParse(text, out var parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("-1MB")]
    [InlineData("1PB")]
    [InlineData("MB")]
    [InlineData("99999999999TB")]
    public void Refuses_what_is_not_a_size(string text) => Assert.False(ByteSize.TryParse(text, out _));

    [Theory]
    [InlineData(900, "900 bytes")]
    [InlineData(65_536, "64 KB")]
    [InlineData(13_107_200, "12.5 MB")]
    [InlineData(1_073_741_824, "1 GB")]
    public void Writes_a_size_in_the_largest_unit_it_fills(double bytes, string text) => Assert.Equal(text, ByteSize.Format(bytes));
}
