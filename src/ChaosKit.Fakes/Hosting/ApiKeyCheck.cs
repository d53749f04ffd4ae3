using CommunityToolkit.HighPerformance.Buffers;

namespace ChaosKit.Fakes.Hosting;

/// <summary>
/// Decides whether a call's API key is accepted: any non-empty key by default, only the listed ones when the
/// scenario lists <c>api_keys</c>, and every call when <see cref="FakeOptions.RequireApiKey"/> is off.
/// </summary>
internal sealed class ApiKeyCheck
{
    private readonly bool _required;
    private readonly HashSet<string> _keys;

    /// <summary>Creates the check.</summary>
    public ApiKeyCheck(bool required, IEnumerable<string> keys)
    {
        _required = required;
        _keys = new HashSet<string>(keys, StringComparer.Ordinal);
    }

    /// <summary>Accepts anything.</summary>
    public static ApiKeyCheck None { get; } = new(false, []);

    /// <summary>True when <paramref name="key"/> (as sent, without any <c>Bearer</c> prefix) gets through.</summary>
    public bool Accepts(string? key)
    {
        if (!_required) return true;
        if (string.IsNullOrWhiteSpace(key)) return false;
        return _keys.Count == 0 || _keys.Contains(key);
    }

    /// <summary>The bearer token of an <c>Authorization</c> header, or <see langword="null"/> when there is none.</summary>
    public static string? BearerToken(string? authorization) =>
        authorization is { Length: > 7 } value && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            // A run presents one key or a few, call after call: the pool hands back the same string, not a copy per call.
            ? StringPool.Shared.GetOrAdd(value.AsSpan(7).Trim())
            : null;
}
