using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using ChaosKit.Fakes.Hosting;
using Microsoft.AspNetCore.Http;

namespace ChaosKit.Fakes.Streaming;

/// <summary>Server-sent event framing: <c>event: name\n</c> (optional), <c>data: json</c>, and a blank line.</summary>
internal static class Sse
{
    /// <summary>Content type OpenAI and Anthropic send for streams.</summary>
    public const string EventStream = "text/event-stream; charset=utf-8";

    // Validation off: the events are written by fixed code paths whose output the protocol tests parse.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    // One writer per thread, reset onto each event's output: events are written synchronously, and thousands of open
    // streams write tens of thousands of events a second.
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    /// <summary>Writes one event whose data is the JSON <paramref name="write"/> produces.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="name">The <c>event:</c> name, or <see langword="null"/> for a data-only event.</param>
    /// <param name="state">Passed to <paramref name="write"/>.</param>
    /// <param name="write">Writes the JSON data.</param>
    /// <param name="terminator">The line ending after the data, <c>\n\n</c> or <c>\r\n\r\n</c>.</param>
    public static void Event<TState>(
        IBufferWriter<byte> output, string? name, TState state, Action<Utf8JsonWriter, TState> write, string terminator = "\n\n")
    {
        if (name is not null)
        {
            Raw(output, "event: ");
            Raw(output, name);
            Raw(output, "\n");
        }
        Raw(output, "data: ");
        var json = t_writer ??= new Utf8JsonWriter(output, WriterOptions);
        json.Reset(output);
        write(json, state);
        json.Flush();
        Raw(output, terminator);
    }

    /// <summary>Writes one data-only event whose data <paramref name="write"/> appends (see <see cref="JsonAppender"/>).</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="state">Passed to <paramref name="write"/>.</param>
    /// <param name="write">Appends the JSON data.</param>
    public static void DataEvent<TState>(IBufferWriter<byte> output, TState state, AppendJson<TState> write) =>
        NamedEvent(output, [], state, write);

    /// <summary>
    /// Writes one named event whose data <paramref name="write"/> appends (see <see cref="JsonAppender"/>);
    /// <paramref name="eventLine"/> is the whole first line, e.g. <c>event: content_block_delta\n</c>, or empty for a
    /// data-only event.
    /// </summary>
    /// <param name="output">Where to write.</param>
    /// <param name="eventLine">The <c>event:</c> line, newline included.</param>
    /// <param name="state">Passed to <paramref name="write"/>.</param>
    /// <param name="write">Appends the JSON data.</param>
    public static void NamedEvent<TState>(IBufferWriter<byte> output, ReadOnlySpan<byte> eventLine, TState state, AppendJson<TState> write)
    {
        var json = new JsonAppender(output);
        json.Raw(eventLine);
        json.Raw("data: "u8);
        write(ref json, state);
        json.Raw("\n\n"u8);
        json.Commit();
    }

    /// <summary>
    /// Sends a whole stream at once, its <paramref name="events"/> already written: a 200 with
    /// <paramref name="contentType"/> and no length, as streams go out (a fault's answer, not a paced stream).
    /// </summary>
    public static Task SendWholeAsync(HttpResponse response, string contentType, ArrayBufferWriter<byte> events, CancellationToken ct)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        return response.Body.WriteAsync(events.WrittenMemory, ct).AsTask();
    }

    /// <summary>Writes ASCII text as is.</summary>
    public static void Raw(IBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(text.Length);
        for (var i = 0; i < text.Length; i++) span[i] = (byte)text[i];
        output.Advance(text.Length);
    }
}
