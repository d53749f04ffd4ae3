using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ChaosKit.Fakes.Determinism;

namespace ChaosKit.Fakes.Content;

/// <summary>
/// Log probabilities of an answer's tokens, as OpenAI reports them when asked (chat <c>logprobs</c> and
/// <c>top_logprobs</c>; the Responses API's <c>include: ["message.output_text.logprobs"]</c>): one entry per token
/// the stream sends (<see cref="TokenPieces"/>), with its <c>logprob</c>, UTF-8 <c>bytes</c> and the
/// <c>top_logprobs</c> alternatives, the token itself first.
/// </summary>
/// <remarks>
/// Seeded per token, so a streamed chunk's entry matches the same token's entry in the whole answer. Most tokens are
/// near-certain (logprob close to 0), as a model's usually are; the alternatives are other pieces of the same answer,
/// each less likely than the one before.
/// </remarks>
internal sealed class TokenLogprobs
{
    /// <summary>The most alternatives a request may ask for.</summary>
    public const int MaxTop = 20;

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TokenPieces _pieces;
    private readonly int _seed;
    private readonly int _top;

    /// <summary>Log probabilities for <paramref name="answer"/>, seeded by <paramref name="seed"/>, with <paramref name="top"/> alternatives each.</summary>
    public TokenLogprobs(Answer answer, int seed, int top)
    {
        _pieces = new TokenPieces(answer.Text, answer.OutputTokens);
        _seed = seed;
        _top = Math.Clamp(top, 0, MaxTop);
    }

    /// <summary>The JSON array of the entries of every token.</summary>
    public byte[] All() => Entries(0, _pieces.Count);

    /// <summary>The JSON array holding the entry of token <paramref name="piece"/> alone.</summary>
    public byte[] One(int piece) => Entries(piece, 1);

    private byte[] Entries(int from, int count)
    {
        var buffer = new ArrayBufferWriter<byte>(256 * Math.Max(1, count));
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartArray();
            for (var piece = from; piece < from + count; piece++) WriteEntry(json, piece);
            json.WriteEndArray();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private void WriteEntry(Utf8JsonWriter json, int piece)
    {
        var hash = new StableHash();
        hash.Add(_seed);
        hash.Add("logprobs");
        hash.Add(piece);
        var random = new SplitMix64(hash.Finish());
        var token = _pieces.Span(piece);
        // u^4 crowds the draws near 0: most tokens are near-certain, a few are not.
        var logprob = -3.0 * Math.Pow(Unit(ref random), 4);
        json.WriteStartObject();
        WriteToken(json, token, logprob);
        json.WriteStartArray("top_logprobs"u8);
        if (_top > 0)
        {
            json.WriteStartObject();
            WriteToken(json, token, logprob);
            json.WriteEndObject();
        }
        var alternative = logprob;
        for (var i = 1; i < _top && _pieces.Count > 1; i++)
        {
            var other = random.Between(0, _pieces.Count - 2);
            if (other >= piece) other++;
            alternative -= 0.5 + 2.5 * Unit(ref random);
            json.WriteStartObject();
            WriteToken(json, _pieces.Span(other), alternative);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteToken(Utf8JsonWriter json, ReadOnlySpan<char> token, double logprob)
    {
        json.WriteString("token"u8, token);
        json.WriteNumber("logprob"u8, Math.Round(logprob, 8));
        json.WriteStartArray("bytes"u8);
        var most = Encoding.UTF8.GetMaxByteCount(token.Length);
        Span<byte> bytes = most <= 1024 ? stackalloc byte[most] : new byte[most];
        var length = Encoding.UTF8.GetBytes(token, bytes);
        foreach (var b in bytes[..length]) json.WriteNumberValue(b);
        json.WriteEndArray();
    }

    private static double Unit(ref SplitMix64 random) => (random.Next() >> 11) * (1.0 / (1UL << 53));
}
