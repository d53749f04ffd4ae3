using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ChaosKit.Fakes.Hosting;

namespace ChaosKit.Fakes.Tests.Hosting;

public sealed class JsonAppenderTests
{
    [Theory]
    [InlineData("plain ascii, with spaces: 1 + 2 < 4 & 'quoted'")]
    [InlineData("a \"quote\" and a \\ backslash")]
    [InlineData("line\nbreak\ttab\r\u0001control")]
    [InlineData("naïve café, 東京, emoji 🚀")]
    [InlineData("")]
    public void Strings_come_out_as_Utf8JsonWriter_writes_them_with_the_relaxed_encoder(string value)
    {
        var appended = Append(json => json.String(value));

        var expected = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(expected, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            writer.WriteStringValue(value);

        Assert.Equal(Encoding.UTF8.GetString(expected.WrittenSpan), appended);
        Assert.Equal(value, JsonDocument.Parse(appended).RootElement.GetString());
    }

    [Fact]
    public void Nulls_numbers_and_booleans_are_json_literals()
    {
        var text = Append(json =>
        {
            json.Raw("["u8);
            json.String(null);
            json.Raw(","u8);
            json.Number(long.MinValue);
            json.Raw(","u8);
            json.Number(0);
            json.Raw(","u8);
            json.NumberOrNull(42);
            json.Raw(","u8);
            json.NumberOrNull(null);
            json.Raw(","u8);
            json.Boolean(true);
            json.Raw(","u8);
            json.Boolean(false);
            json.Raw("]"u8);
        });

        Assert.Equal("[null,-9223372036854775808,0,42,null,true,false]", text);
    }

    [Fact]
    public void A_long_string_grows_the_buffer_instead_of_overrunning_it()
    {
        var value = string.Concat(Enumerable.Repeat("Lorem ipsum dolor sit amet. ", 2_000));

        var text = Append(json => json.String(value), initialCapacity: 16);

        Assert.Equal(value, JsonDocument.Parse(text).RootElement.GetString());
    }

    private static string Append(Action<JsonAppender> write, int initialCapacity = 256)
    {
        var buffer = new ArrayBufferWriter<byte>(initialCapacity);
        write(new JsonAppender(buffer));
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
