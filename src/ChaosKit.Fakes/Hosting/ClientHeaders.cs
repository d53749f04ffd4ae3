using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace ChaosKit.Fakes.Hosting;

/// <summary>Reads what clients say about a call: its trace id and whether it is a retry.</summary>
internal static class ClientHeaders
{
    /// <summary>Retry counter the Stainless-generated SDKs (Anthropic, OpenAI) send: 0, then 1, 2 on retries.</summary>
    public const string RetryCount = "x-stainless-retry-count";

    /// <summary>W3C trace context header.</summary>
    public const string TraceParent = "traceparent";

    /// <summary>
    /// The trace id of a well-formed W3C <c>traceparent</c> (<c>00-&lt;32 hex&gt;-&lt;16 hex&gt;-&lt;2 hex&gt;</c>),
    /// or <see langword="null"/> when absent, malformed or all zeros.
    /// </summary>
    public static string? TraceIdOf(HttpRequest request)
    {
        var value = request.Headers[TraceParent].ToString().AsSpan().Trim();
        if (value.Length < 55 || value[2] != '-' || value[35] != '-') return null;
        var traceId = value.Slice(3, 32);
        if (!IsLowerHex(traceId) || !traceId.ContainsAnyExcept('0')) return null;
        return traceId.ToString();
    }

    /// <summary>The client's retry counter, or <see langword="null"/> when absent or not a number.</summary>
    public static int? RetryCountOf(HttpRequest request) =>
        int.TryParse(request.Headers[RetryCount].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static bool IsLowerHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f'))) return false;
        }
        return true;
    }
}
