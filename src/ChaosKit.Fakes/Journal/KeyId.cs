using System.Security.Cryptography;
using System.Text;

namespace ChaosKit.Fakes.Journal;

/// <summary>
/// A short, stable name for an API key: <c>key_</c> and the first 8 hex digits of its SHA-256. Enough to tell
/// keys apart in a journal; the key itself is never written.
/// </summary>
internal static class KeyId
{
    // A run nearly always uses one key, or a few in turn: remembering the last one saves a SHA-256 per call. A record
    // is swapped in whole, so readers never see a torn pair.
    private static Last? _last;

    /// <summary>The id of <paramref name="key"/>, or <see langword="null"/> for no key.</summary>
    public static string? Of(string? key)
    {
        if (string.IsNullOrEmpty(key)) return null;
        if (Volatile.Read(ref _last) is { } last && string.Equals(last.Key, key, StringComparison.Ordinal)) return last.Id;
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        var id = "key_" + Convert.ToHexStringLower(hash[..4]);
        Volatile.Write(ref _last, new Last(key, id));
        return id;
    }

    private sealed record Last(string Key, string Id);
}
