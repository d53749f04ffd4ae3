using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ChaosKit.Fakes.Hosting;

/// <summary>
/// Appends JSON text to a buffer piece by piece: fixed fragments as they are, strings quoted and escaped, numbers
/// formatted. For the texts written on every call or every token: the non-streamed chat completion, the OpenAI
/// chat stream's chunks and the journal line.
/// </summary>
/// <remarks>
/// Why not <see cref="Utf8JsonWriter"/> there: it checks and escapes every property name and keeps writer state for
/// each of the 20–35 properties, which made it the largest single part of a call (1.0–1.25 µs for a chat
/// completion, 0.75–0.95 µs for a journal line); writing the fixed runs between the values as UTF-8 literals takes
/// 0.23–0.29 µs for the chat completion (<c>./benchmarks/run.sh fakes parts</c>). Strings keep <see cref="Utf8JsonWriter"/>'s escaping with the
/// relaxed encoder the fakes use everywhere: ASCII without quotes, backslashes or control characters is copied as it
/// is, anything else is escaped by <see cref="JsonEncodedText"/> (rare: models, keys and trace ids are ASCII).
/// </remarks>
/// <param name="output">Where the text goes.</param>
internal readonly struct JsonAppender(IBufferWriter<byte> output)
{
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    // A UTF-16 character takes at most 3 bytes of UTF-8 (a surrogate pair: 4 bytes for 2 characters).
    private const int MaxUtf8BytesPerChar = 3;

    /// <summary>Appends <paramref name="fragment"/> as it is: JSON punctuation, property names and fixed values.</summary>
    public void Raw(ReadOnlySpan<byte> fragment) => output.Write(fragment);

    /// <summary>Appends <paramref name="value"/> as a quoted JSON string, or <c>null</c>.</summary>
    public void String(string? value)
    {
        if (value is null) output.Write("null"u8);
        else String(value.AsSpan());
    }

    /// <summary>Appends <paramref name="value"/> as a quoted JSON string.</summary>
    public void String(ReadOnlySpan<char> value)
    {
        var span = output.GetSpan(value.Length * MaxUtf8BytesPerChar + 2);
        var length = Encoding.UTF8.GetBytes(value, span[1..]);
        if (Encoder.FindFirstCharacterToEncodeUtf8(span.Slice(1, length)) < 0)
        {
            span[0] = (byte)'"';
            span[length + 1] = (byte)'"';
            output.Advance(length + 2);
            return;
        }
        output.Write("\""u8);
        output.Write(JsonEncodedText.Encode(value, Encoder).EncodedUtf8Bytes);
        output.Write("\""u8);
    }

    /// <summary>Appends <paramref name="value"/> as a JSON number.</summary>
    public void Number(long value)
    {
        Utf8Formatter.TryFormat(value, output.GetSpan(20), out var written);
        output.Advance(written);
    }

    /// <summary>Appends <paramref name="value"/> as a JSON number, or <c>null</c>.</summary>
    public void NumberOrNull(long? value)
    {
        if (value is { } number) Number(number);
        else output.Write("null"u8);
    }

    /// <summary>Appends <c>true</c> or <c>false</c>.</summary>
    public void Boolean(bool value) => output.Write(value ? "true"u8 : "false"u8);
}
