using System.Text.Json;
using ChaosKit.Fakes.Determinism;
using ChaosKit.Fakes.Hosting;

namespace ChaosKit.Fakes.OpenAi;

/// <summary>
/// The <c>obfuscation</c> field OpenAI adds to every streamed chunk (docs/providers.md#openai-obfuscation): random
/// padding of varying length, so a chunk's size does not give away its token;
/// <c>stream_options.include_obfuscation: false</c> turns it off. SDKs ignore it; the fake sends it so streamed byte
/// sizes are realistic. Seeded by the stream's id and the chunk's place, so a replay sends the same padding.
/// </summary>
internal static class Obfuscation
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    // The recorded paddings ran 5 to 9 characters; these run 1 to 15.
    private const int Longest = 15;

    /// <summary>The seed of a stream's paddings, from its id (<c>chatcmpl-…</c>, <c>resp_…</c>).</summary>
    public static ulong SeedOf(string streamId)
    {
        var hash = new StableHash();
        hash.Add(streamId);
        return hash.Finish();
    }

    /// <summary>Appends <c>,"obfuscation":"…"</c> for chunk <paramref name="chunk"/> of the stream seeded <paramref name="seed"/>.</summary>
    public static void Append(ref JsonAppender json, ulong seed, int chunk)
    {
        json.Raw(",\"obfuscation\":\""u8);
        var random = new SplitMix64(seed + (ulong)chunk * 0x9E3779B97F4A7C15UL);
        var length = random.Between(1, Longest);
        var span = json.Reserve(length);
        for (var i = 0; i < length; i++) span[i] = (byte)Alphabet[random.Between(0, Alphabet.Length - 1)];
        json.Advance(length);
        json.Raw("\""u8);
    }

    /// <summary>Writes the <c>obfuscation</c> property for chunk <paramref name="chunk"/> of the stream seeded <paramref name="seed"/>.</summary>
    public static void Write(Utf8JsonWriter json, ulong seed, int chunk)
    {
        var random = new SplitMix64(seed + (ulong)chunk * 0x9E3779B97F4A7C15UL);
        Span<char> padding = stackalloc char[Longest];
        var length = random.Between(1, Longest);
        for (var i = 0; i < length; i++) padding[i] = Alphabet[random.Between(0, Alphabet.Length - 1)];
        json.WriteString("obfuscation"u8, padding[..length]);
    }
}
