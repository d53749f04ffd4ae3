using System.Security.Cryptography;
using System.Text;

namespace ChaosKit.Fakes.Journal;

/// <summary>
/// A short, stable name for an API key: <c>key_</c> and the first 8 hex digits of its SHA-256. Enough to tell
/// keys apart in a journal; the key itself is never written.
/// </summary>
internal static class KeyId
{
    /// <summary>The id of <paramref name="key"/>, or <see langword="null"/> for no key.</summary>
    public static string? Of(string? key)
    {
        if (string.IsNullOrEmpty(key)) return null;
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return "key_" + Convert.ToHexStringLower(hash[..4]);
    }
}
