using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ChaosKit.Fakes.Hosting;

/// <summary>Writes a complete JSON response (status, content type, length, body) in one asynchronous write.</summary>
internal static class JsonResponse
{
    // Providers send plain UTF-8 ('quotes', +, <); the default encoder would escape them as \u0027 and the like.
    // Validation off: answers come from fixed code paths whose output the protocol tests parse.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    // A buffer that grew past this (a large embeddings answer) is not kept for the next call on the thread.
    private const int KeptBufferBytes = 256 * 1024;

    // One serialisation buffer and writer per thread, reused call after call: every answer is serialised before the
    // first await, so no other call can touch them meanwhile. Allocating both per call was a visible share of the
    // fake's GC work under load.
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    /// <summary>Serialises with <paramref name="write"/> and sends the result with <paramref name="status"/>.</summary>
    public static Task WriteAsync<TState>(
        HttpResponse response, int status, TState state, Action<Utf8JsonWriter, TState> write, CancellationToken ct,
        string contentType = "application/json")
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, WriterOptions);
        writer.Reset(buffer);
        write(writer, state);
        writer.Flush();
        return SendAsync(response, status, contentType, buffer, ct);
    }

    /// <summary>Appends the body with <paramref name="write"/> and sends it with <paramref name="status"/>.</summary>
    public static Task WriteAsync<TState>(
        HttpResponse response, int status, TState state, AppendJson<TState> write, CancellationToken ct,
        string contentType = "application/json")
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var json = new JsonAppender(buffer, buffer.Capacity);
        write(ref json, state);
        json.Commit();
        return SendAsync(response, status, contentType, buffer, ct);
    }

    private static Task SendAsync(HttpResponse response, int status, string contentType, ArrayBufferWriter<byte> buffer, CancellationToken ct)
    {
        // The length is known before anything is sent, so the answer goes out with Content-Length as the real APIs
        // send it. Kestrel may finish the write after an await (its first write runs the OnStarting callbacks), so
        // the bytes move to a pooled array of the call's own first.
        var length = buffer.WrittenCount;
        var bytes = ArrayPool<byte>.Shared.Rent(length);
        buffer.WrittenSpan.CopyTo(bytes);
        if (buffer.Capacity > KeptBufferBytes) (t_buffer, t_writer) = (null, null);
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = length;
        return SendAsync(response.Body, bytes, length, ct);
    }

    private static async Task SendAsync(Stream body, byte[] bytes, int length, CancellationToken ct)
    {
        try
        {
            await body.WriteAsync(bytes.AsMemory(0, length), ct);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
