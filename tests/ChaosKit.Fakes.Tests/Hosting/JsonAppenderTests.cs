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
        var appended = Append((ref json) => json.String(value));

        var expected = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(expected, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            writer.WriteStringValue(value);

        Assert.Equal(Encoding.UTF8.GetString(expected.WrittenSpan), appended);
        Assert.Equal(value, JsonDocument.Parse(appended).RootElement.GetString());
    }

    [Fact]
    public void Nulls_numbers_and_booleans_are_json_literals()
    {
        var text = Append((ref json) =>
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

        var text = Append((ref json) => json.String(value), initialCapacity: 16, sizeHint: 16);

        Assert.Equal(value, JsonDocument.Parse(text).RootElement.GetString());
    }

    [Fact]
    public void Fragments_and_values_that_overrun_the_span_continue_in_a_new_one_in_order()
    {
        var text = Append((ref json) =>
        {
            json.Raw("["u8);
            for (var i = 0; i < 300; i++)
            {
                if (i > 0) json.Raw(","u8);
                json.Raw("{\"n\":"u8);
                json.Number(i);
                json.Raw(",\"s\":"u8);
                json.String($"v{i}");
                json.Raw("}"u8);
            }
            json.Raw("]"u8);
        }, initialCapacity: 8, sizeHint: 8);

        var items = JsonDocument.Parse(text).RootElement.EnumerateArray().ToArray();
        Assert.Equal(300, items.Length);
        Assert.All(items.Select((item, i) => (item, i)), x =>
        {
            Assert.Equal(x.i, x.item.GetProperty("n").GetInt32());
            Assert.Equal($"v{x.i}", x.item.GetProperty("s").GetString());
        });
    }

    [Fact]
    public void Nothing_reaches_the_buffer_before_commit()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var json = new JsonAppender(buffer);
        json.Raw("{}"u8);

        Assert.Equal(0, buffer.WrittenCount);
        json.Commit();
        Assert.Equal("{}", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    private delegate void Appending(ref JsonAppender json);

    private static string Append(Appending write, int initialCapacity = 256, int sizeHint = 512)
    {
        var buffer = new ArrayBufferWriter<byte>(initialCapacity);
        var json = new JsonAppender(buffer, sizeHint);
        write(ref json);
        json.Commit();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
