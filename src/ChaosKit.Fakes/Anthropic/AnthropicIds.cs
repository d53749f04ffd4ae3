using ChaosKit.Fakes.Determinism;

namespace ChaosKit.Fakes.Anthropic;

/// <summary>
/// Identifiers in Anthropic's shapes: <c>msg_01</c> + 22 base-62 characters, <c>req_011C</c> + 20, and an
/// organisation UUID. They come from the scenario seed and a per-fake counter, so they are unique within a run and
/// repeat in a replay (in arrival order).
/// </summary>
internal sealed class AnthropicIds
{
    private readonly SeededIds _random;

    /// <summary>Creates the identifiers of one fake.</summary>
    public AnthropicIds(int seed, string provider)
    {
        _random = new SeededIds(seed, provider);
        OrganizationId = NewOrganizationId(seed);
    }

    /// <summary>The <c>anthropic-organization-id</c> of the scenario (one organisation per seed).</summary>
    public string OrganizationId { get; }

    /// <summary>A fresh <c>request-id</c>, e.g. <c>req_011CSLsW7mFqvHHnzrKdKjAE</c>.</summary>
    public string NewRequestId() => Next("request").Base62String("req_011C", 20);

    /// <summary>A fresh message id, e.g. <c>msg_01XFDUDYJgAACzvnptvVoYEL</c>.</summary>
    public string NewMessageId() => Next("message").Base62String("msg_01", 22);

    private SplitMix64 Next(string purpose) => _random.Next(purpose);

    private static string NewOrganizationId(int seed)
    {
        var hash = new StableHash();
        hash.Add(seed);
        hash.Add("anthropic-organization");
        var random = new SplitMix64(hash.Finish());
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, random.Next());
        BitConverter.TryWriteBytes(bytes[8..], random.Next());
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 (Guid's byte order puts it in byte 7)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes).ToString("D");
    }
}
