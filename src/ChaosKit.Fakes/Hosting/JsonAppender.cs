using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ChaosKit.Fakes.Hosting;

/// <summary>Appends the JSON of <paramref name="state"/> to <paramref name="json"/>.</summary>
/// <typeparam name="TState">What is written.</typeparam>
/// <param name="json">Where it goes.</param>
/// <param name="state">What is written.</param>
internal delegate void AppendJson<in TState>(ref JsonAppender json, TState state);

/// <summary>
/// Appends JSON text to a buffer piece by piece: fixed fragments as they are, strings quoted and escaped, numbers
/// formatted. For the texts written on every call or every token: the non-streamed chat completion, the OpenAI
/// chat stream's chunks and the journal line. Nothing reaches the buffer until <see cref="Commit"/>.
/// </summary>
/// <remarks>
/// Why not <see cref="Utf8JsonWriter"/> there: it checks and escapes every property name and keeps writer state for
/// each of the 20–35 properties, which made it the largest single part of a call. Writing the fixed runs between the
/// values as UTF-8 literals avoids both; the appender takes one span of the buffer and writes into it, asking again
/// only when it is full (docs/benchmarks.md#why-the-hot-paths-look-the-way-they-do).
/// Strings keep <see cref="Utf8JsonWriter"/>'s escaping with the relaxed encoder the fakes use everywhere: ASCII
/// without quotes, backslashes or control characters is copied as it is, anything else is escaped by
/// <see cref="JsonEncodedText"/> (rare: models, keys and trace ids are ASCII).
/// </remarks>
internal ref struct JsonAppender
{
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    // A UTF-16 character takes at most 3 bytes of UTF-8 (a surrogate pair: 4 bytes for 2 characters).
    private const int MaxUtf8BytesPerChar = 3;
    private const int MinimumSpan = 512;

    private readonly IBufferWriter<byte> _output;
    private Span<byte> _span;
    private int _used;

    /// <summary>Starts appending to <paramref name="output"/>; <paramref name="sizeHint"/> is the expected length.</summary>
    public JsonAppender(IBufferWriter<byte> output, int sizeHint = MinimumSpan)
    {
        _output = output;
        _span = output.GetSpan(sizeHint);
        _used = 0;
    }

    /// <summary>Appends <paramref name="fragment"/> as it is: JSON punctuation, property names and fixed values.</summary>
    public void Raw(ReadOnlySpan<byte> fragment)
    {
        if (fragment.TryCopyTo(_span[_used..])) _used += fragment.Length;
        else RawAfterGrowing(fragment);
    }

    /// <summary>Appends <paramref name="value"/> as a quoted JSON string, or <c>null</c>.</summary>
    public void String(string? value)
    {
        if (value is null) Raw("null"u8);
        else String(value.AsSpan());
    }

    /// <summary>Appends <paramref name="value"/> as a quoted JSON string.</summary>
    public void String(ReadOnlySpan<char> value)
    {
        var span = Reserve(value.Length * MaxUtf8BytesPerChar + 2);
        var length = Encoding.UTF8.GetBytes(value, span[1..]);
        if (Encoder.FindFirstCharacterToEncodeUtf8(span.Slice(1, length)) < 0)
        {
            span[0] = (byte)'"';
            span[length + 1] = (byte)'"';
            _used += length + 2;
            return;
        }
        Raw("\""u8);
        Raw(JsonEncodedText.Encode(value, Encoder).EncodedUtf8Bytes);
        Raw("\""u8);
    }

    /// <summary>Appends <paramref name="value"/> as a JSON number.</summary>
    public void Number(long value)
    {
        Utf8Formatter.TryFormat(value, Reserve(20), out var written);
        _used += written;
    }

    /// <summary>Appends <paramref name="value"/> as a JSON number, or <c>null</c>.</summary>
    public void NumberOrNull(long? value)
    {
        if (value is { } number) Number(number);
        else Raw("null"u8);
    }

    /// <summary>Appends <c>true</c> or <c>false</c>.</summary>
    public void Boolean(bool value) => Raw(value ? "true"u8 : "false"u8);

    /// <summary>
    /// At least <paramref name="length"/> bytes to write a value into directly; <see cref="Advance"/> says how many
    /// were used. For values this type does not format itself.
    /// </summary>
    public Span<byte> Reserve(int length)
    {
        if (_span.Length - _used < length) Grow(length);
        return _span[_used..];
    }

    /// <summary>Counts <paramref name="count"/> bytes written into the span <see cref="Reserve"/> gave.</summary>
    public void Advance(int count) => _used += count;

    /// <summary>Hands what was appended to the buffer; call once at the end.</summary>
    public void Commit()
    {
        _output.Advance(_used);
        _used = 0;
        _span = default;
    }

    private void RawAfterGrowing(ReadOnlySpan<byte> fragment)
    {
        Grow(fragment.Length);
        fragment.CopyTo(_span);
        _used += fragment.Length;
    }

    private void Grow(int length)
    {
        _output.Advance(_used);
        _used = 0;
        _span = _output.GetSpan(Math.Max(length, MinimumSpan));
    }
}
