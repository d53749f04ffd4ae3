using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ChaosKit.Fakes.Hosting;

/// <summary>Writes a complete JSON response (status, content type, length, body) in one asynchronous write.</summary>
internal static class JsonResponse
{
    // Providers send plain UTF-8 ('quotes', +, <); the default encoder would escape them as \u0027 and the like.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Serialises with <paramref name="write"/> and sends the result with <paramref name="status"/>.</summary>
    public static async Task WriteAsync<TState>(
        HttpResponse response, int status, TState state, Action<Utf8JsonWriter, TState> write, CancellationToken ct,
        string contentType = "application/json")
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer, state);
        }
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory, ct);
    }
}
