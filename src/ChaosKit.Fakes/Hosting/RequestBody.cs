using Microsoft.AspNetCore.Http;

namespace ChaosKit.Fakes.Hosting;

/// <summary>Reads a whole request body asynchronously (provider requests are small JSON documents).</summary>
internal static class RequestBody
{
    /// <summary>The body's bytes; empty when there is none.</summary>
    public static async ValueTask<ReadOnlyMemory<byte>> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength is 0) return ReadOnlyMemory<byte>.Empty;
        if (request.ContentLength is > 0 and <= int.MaxValue && request.ContentLength is { } length)
        {
            var buffer = new byte[length];
            await request.Body.ReadExactlyAsync(buffer, ct);
            return buffer;
        }
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, ct);
        return copy.ToArray();
    }
}
