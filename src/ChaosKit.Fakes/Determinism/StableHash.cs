using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ChaosKit.Fakes.Determinism;

/// <summary>
/// A 64-bit hash that is the same on every machine, process and .NET version: FNV-1a over the UTF-8 bytes of each
/// field, then the MurmurHash3 <c>fmix64</c> finaliser.
/// </summary>
/// <remarks>
/// Why not <see cref="string.GetHashCode()"/> or <see cref="HashCode"/>: both are randomised per process, and a replay
/// must roll the same dice and write the same answers as the run it replays. System.IO.Hashing is not referenced,
/// and FNV-1a is ten lines. FNV's low bits mix poorly on short inputs, hence the finaliser. Fields are separated by a
/// 0xFF byte, which never occurs in UTF-8, so <c>("ab", "c")</c> and <c>("a", "bc")</c> hash differently.
/// </remarks>
internal struct StableHash
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;
    private const byte Separator = 0xFF;
    private const int StackLimit = 256;

    private ulong _state;

    /// <summary>Starts an empty hash.</summary>
    public StableHash() => _state = OffsetBasis;

    /// <summary>Adds a whole number as four little-endian bytes.</summary>
    public void Add(int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        Add(bytes);
    }

    /// <summary>Adds a 64-bit number as eight little-endian bytes.</summary>
    public void Add(long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        Add(bytes);
    }

    /// <summary>Adds a string as UTF-8.</summary>
    public void Add(string value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = null;
        // Sized to the string, not to the limit: a stack buffer is zeroed first, and this runs several times a call.
        var buffer = max <= StackLimit ? stackalloc byte[max] : (rented = ArrayPool<byte>.Shared.Rent(max));
        var written = Encoding.UTF8.GetBytes(value, buffer);
        Add(buffer[..written]);
        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
    }

    /// <summary>Adds raw bytes followed by a field separator.</summary>
    public void Add(ReadOnlySpan<byte> bytes)
    {
        var state = _state;
        foreach (var b in bytes)
        {
            state ^= b;
            state *= Prime;
        }
        state ^= Separator;
        state *= Prime;
        _state = state;
    }

    /// <summary>The finished hash.</summary>
    public readonly ulong Finish()
    {
        var h = _state;
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        h ^= h >> 33;
        return h;
    }

    /// <summary>The finished hash mapped uniformly onto [0, 1).</summary>
    public readonly double FinishUnit() => (Finish() >> 11) * (1.0 / (1UL << 53));

    /// <summary>The finished hash folded into a non-negative <see cref="int"/>, e.g. as a seed for Bogus.</summary>
    public readonly int FinishInt() => (int)(Finish() & int.MaxValue);
}
