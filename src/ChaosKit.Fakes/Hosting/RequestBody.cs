using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ChaosKit.Fakes.Hosting;

/// <summary>Reads a whole request body asynchronously (provider requests are small JSON documents), up to the provider's limit.</summary>
internal static class RequestBody
{
    // Kestrel refuses bodies over 30 MB itself, before the provider's own limit could answer in its words.
    private const long KestrelDefaultLimit = 30_000_000;

    /// <summary>
    /// The body's bytes (empty when there is none), or <see langword="null"/> when it is longer than
    /// <paramref name="maxBytes"/>: then no more of it is kept, and only a body at most twice the limit is read to its
    /// end, so that a client still sending it reads the refusal; past that the connection closes after the answer.
    /// </summary>
    public static async ValueTask<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        var declared = request.ContentLength;
        if (declared is 0) return ReadOnlyMemory<byte>.Empty;
        if (declared is { } small && small <= maxBytes && small <= KestrelDefaultLimit)
        {
            var buffer = new byte[small];
            await request.Body.ReadExactlyAsync(buffer, ct);
            return buffer;
        }
        var drainLimit = 2L * maxBytes;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = drainLimit;
        if (declared > drainLimit)
        {
            request.HttpContext.Response.Headers.Connection = "close";
            return null;
        }
        if (declared is { } exact && exact <= maxBytes)
        {
            var buffer = new byte[exact];
            await request.Body.ReadExactlyAsync(buffer, ct);
            return buffer;
        }
        return await ReadBoundedAsync(request, maxBytes, drainLimit, ct);
    }

    // A body without a length (chunked), or one declared too long: kept up to the limit, then read on and dropped.
    private static async ValueTask<ReadOnlyMemory<byte>?> ReadBoundedAsync(HttpRequest request, int maxBytes, long drainLimit, CancellationToken ct)
    {
        using var copy = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(81_920);
        try
        {
            long total = 0;
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                total += read;
                if (total <= maxBytes) copy.Write(chunk, 0, read);
                if (total <= drainLimit) continue;
                request.HttpContext.Response.Headers.Connection = "close";
                return null;
            }
            // Not a conditional: a null array would become an empty body, not "too large".
            if (total > maxBytes) return null;
            return copy.ToArray();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            request.HttpContext.Response.Headers.Connection = "close";
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
