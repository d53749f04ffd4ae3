using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace ChaosKit.Fakes.Hosting;

/// <summary>What makes a request body unreadable before any field of it is read.</summary>
internal enum BodyProblemKind
{
    /// <summary>Longer than the provider takes (<see cref="IProviderDefinition.MaxRequestBytes"/>).</summary>
    TooLarge,

    /// <summary>Sent with a <c>Content-Type</c> that is not JSON (<c>text/plain</c>, a form).</summary>
    NotJson,

    /// <summary>Bytes that are not UTF-8.</summary>
    InvalidUtf8,

    /// <summary>A high surrogate escape (<c>\ud83d</c>) without the low one that must follow it.</summary>
    NoLowSurrogate,

    /// <summary>A low surrogate escape (<c>\ude00</c>) with no high one before it.</summary>
    LoneLowSurrogate,
}

/// <summary>
/// A request body no provider reads: too long, not JSON by its type, or not Unicode text (invalid UTF-8, or a lone
/// surrogate escape, which System.Text.Json parses but cannot turn into a string). Found once, for every provider,
/// by <see cref="Find"/>; each protocol answers it in its own API's words (docs/providers.md#bad-request-bodies).
/// </summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="ContentType">The <c>Content-Type</c> sent, for <see cref="BodyProblemKind.NotJson"/>.</param>
/// <param name="Offset">Where in the body (bytes from its start) the bad text is, for the encoding problems.</param>
internal readonly record struct BodyProblem(BodyProblemKind Kind, string ContentType = "", int Offset = 0)
{
    /// <summary>
    /// The first problem of <paramref name="exchange"/>'s body, or <see langword="null"/> when it can be parsed as
    /// JSON (it may still not be JSON; the protocol's parser says so). A body sent without a <c>Content-Type</c> is
    /// read as JSON.
    /// </summary>
    /// <remarks>On the path of every call with a body: two passes over its bytes (the UTF-8 check is vectorised), no allocation.</remarks>
    public static BodyProblem? Find(FakeExchange exchange)
    {
        if (exchange.BodyTooLarge) return new BodyProblem(BodyProblemKind.TooLarge);
        var contentType = exchange.Request.ContentType;
        if (!IsJson(contentType)) return new BodyProblem(BodyProblemKind.NotJson, contentType!);
        return FindInText(exchange.Body.Span);
    }

    /// <summary>Invalid UTF-8 or a lone surrogate escape in <paramref name="body"/>; <see langword="null"/> when there is none.</summary>
    public static BodyProblem? FindInText(ReadOnlySpan<byte> body)
    {
        if (!Utf8.IsValid(body)) return new BodyProblem(BodyProblemKind.InvalidUtf8, Offset: FirstInvalidUtf8(body));
        for (var i = body.IndexOf((byte)'\\'); i >= 0 && i + 1 < body.Length;)
        {
            if (body[i + 1] != 'u' || !TryReadHex(body, i + 2, out var unit))
            {
                i = Next(body, i + 2);
                continue;
            }
            if (unit is >= 0xDC00 and <= 0xDFFF) return new BodyProblem(BodyProblemKind.LoneLowSurrogate, Offset: i);
            if (unit is >= 0xD800 and <= 0xDBFF)
            {
                if (i + 7 >= body.Length || body[i + 6] != '\\' || body[i + 7] != 'u' || !TryReadHex(body, i + 8, out var low) || low is < 0xDC00 or > 0xDFFF)
                    return new BodyProblem(BodyProblemKind.NoLowSurrogate, Offset: i + 6);
                i = Next(body, i + 12);
                continue;
            }
            i = Next(body, i + 6);
        }
        return null;
    }

    /// <summary>
    /// The problem in the words of the parser Anthropic's errors quote (yyjson's): "no low surrogate in string",
    /// "invalid high surrogate in string", "invalid UTF-8 encoding in string"; empty for the other kinds.
    /// </summary>
    public string ParserWords => Kind switch
    {
        BodyProblemKind.NoLowSurrogate => "no low surrogate in string",
        BodyProblemKind.LoneLowSurrogate => "invalid high surrogate in string",
        BodyProblemKind.InvalidUtf8 => "invalid UTF-8 encoding in string",
        _ => "",
    };

    /// <summary>Where the problem is, as Python's JSON errors say it: <c>line 1 column 42 (char 41)</c>, counting characters.</summary>
    public string PositionIn(ReadOnlySpan<byte> body)
    {
        var before = body[..Math.Min(Offset, body.Length)];
        var line = 1 + before.Count((byte)'\n');
        var lastBreak = before.LastIndexOf((byte)'\n');
        var chars = Characters(before);
        var column = lastBreak < 0 ? chars + 1 : Characters(before[(lastBreak + 1)..]) + 1;
        return string.Create(CultureInfo.InvariantCulture, $"line {line} column {column} (char {chars})");
    }

    /// <summary>True for no <c>Content-Type</c>, <c>application/json</c> and any <c>+json</c> type, with or without a charset.</summary>
    public static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType)) return true;
        var mediaType = MediaTypeOf(contentType);
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The media type of a <c>Content-Type</c> value, without its parameters (<c>; charset=utf-8</c>) or spaces.</summary>
    public static ReadOnlySpan<char> MediaTypeOf(string contentType)
    {
        var mediaType = contentType.AsSpan();
        if (mediaType.IndexOf(';') is >= 0 and var end) mediaType = mediaType[..end];
        return mediaType.Trim();
    }

    private static int Next(ReadOnlySpan<byte> body, int from) =>
        from >= body.Length ? -1 : body[from..].IndexOf((byte)'\\') is >= 0 and var at ? from + at : -1;

    private static bool TryReadHex(ReadOnlySpan<byte> body, int at, out int unit)
    {
        unit = 0;
        if (at + 4 > body.Length) return false;
        return int.TryParse(body.Slice(at, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out unit);
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> body)
    {
        var offset = 0;
        while (offset < body.Length && Rune.DecodeFromUtf8(body[offset..], out _, out var consumed) == System.Buffers.OperationStatus.Done) offset += consumed;
        return offset;
    }

    // UTF-8 bytes that start a character (not continuation bytes 10xxxxxx).
    private static int Characters(ReadOnlySpan<byte> text)
    {
        var count = 0;
        foreach (var b in text) if ((b & 0xC0) != 0x80) count++;
        return count;
    }
}
