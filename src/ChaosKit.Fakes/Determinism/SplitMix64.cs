namespace ChaosKit.Fakes.Determinism;

/// <summary>
/// A tiny seeded generator (Steele, Lea and Flood's SplitMix64) for identifiers. It is fully defined by its seed,
/// so identifiers repeat across replays, and it needs no locking because each caller owns its instance.
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private ulong _state = seed;

    /// <summary>The next 64 random bits.</summary>
    public ulong Next()
    {
        var z = _state += 0x9e3779b97f4a7c15UL;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
        return z ^ (z >> 31);
    }

    /// <summary>A number from <paramref name="min"/> to <paramref name="max"/>, both included.</summary>
    /// <remarks>Modulo reduction: its bias is below 2⁻³² for the small ranges fake content draws from.</remarks>
    public int Between(int min, int max) => min + (int)(Next() % (ulong)((long)max - min + 1));

    /// <summary>Appends <paramref name="count"/> base-62 characters to <paramref name="prefix"/>.</summary>
    /// <remarks>Ten characters per 64-bit draw (62¹⁰ &lt; 2⁶⁴; the bias is below 2⁻⁴): ids are made on every call.</remarks>
    public string Base62String(string prefix, int count) =>
        string.Create(prefix.Length + count, (Prefix: prefix, Generator: this), static (span, state) =>
        {
            state.Prefix.AsSpan().CopyTo(span);
            ulong bits = 0;
            for (int i = state.Prefix.Length, left = 0; i < span.Length; i++, left--)
            {
                if (left == 0) (bits, left) = (state.Generator.Next(), 10);
                span[i] = Base62[(int)(bits % 62)];
                bits /= 62;
            }
        });

    /// <summary>Appends <paramref name="count"/> lower-case hex digits to <paramref name="prefix"/>, sixteen per 64-bit draw.</summary>
    public string HexString(string prefix, int count) =>
        string.Create(prefix.Length + count, (Prefix: prefix, Generator: this), static (span, state) =>
        {
            state.Prefix.AsSpan().CopyTo(span);
            ulong bits = 0;
            for (int i = state.Prefix.Length, left = 0; i < span.Length; i++, left--)
            {
                if (left == 0) (bits, left) = (state.Generator.Next(), 16);
                span[i] = "0123456789abcdef"[(int)(bits & 15)];
                bits >>= 4;
            }
        });
}
