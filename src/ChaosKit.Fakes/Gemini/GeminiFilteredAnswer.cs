using System.Buffers;
using System.Text.Json;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Hosting;
using ChaosKit.Fakes.Streaming;

namespace ChaosKit.Fakes.Gemini;

/// <summary>
/// A generation whose output the safety filter stopped part-way, for <c>content_filter on:
/// output</c>: a candidate with <c>finishReason: "SAFETY"</c> and the rating that tripped it, and no content. A
/// streamed call first gets the text that came before the stop.
/// </summary>
/// <remarks>Written whole, in one go: a streamed call gets all its events at once rather than paced.</remarks>
internal static class GeminiFilteredAnswer
{
    private const string ResponseId = "2j2taND9NLysz7IPw4em6A0";

    /// <summary>Writes the answer (created once: a method group passed as a delegate allocates on every use).</summary>
    public static readonly Func<FaultContext, CancellationToken, Task> Write = (context, ct) => WriteAsync(context.Exchange, ct);

    private static Task WriteAsync(FakeExchange exchange, CancellationToken ct)
    {
        var model = exchange.Model ?? "gemini-2.5-flash";
        if (!exchange.Streaming)
            return JsonResponse.WriteAsync(exchange.Response, 200, (model, true), Candidate, ct, "application/json; charset=UTF-8");
        var events = new ArrayBufferWriter<byte>(2048);
        Sse.Event(events, null, (model, false), Candidate, "\r\n\r\n");
        Sse.Event(events, null, (model, true), Candidate, "\r\n\r\n");
        exchange.Response.Headers.ContentDisposition = "attachment";
        return Sse.SendWholeAsync(exchange.Response, "text/event-stream", events, ct);
    }

    // A stopped candidate keeps no content: the finish reason and the rating that tripped are all there is.
    private static void Candidate(Utf8JsonWriter json, (string Model, bool Final) answer)
    {
        json.WriteStartObject();
        json.WriteStartArray("candidates"u8);
        json.WriteStartObject();
        if (!answer.Final)
        {
            json.WriteStartObject("content"u8);
            json.WriteStartArray("parts"u8);
            json.WriteStartObject();
            json.WriteString("text"u8, ContentFilterFault.TextBeforeStop);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteString("role"u8, "model");
            json.WriteEndObject();
        }
        else
        {
            json.WriteString("finishReason"u8, "SAFETY");
            json.WriteStartArray("safetyRatings"u8);
            json.WriteStartObject();
            json.WriteString("category"u8, "HARM_CATEGORY_DANGEROUS_CONTENT");
            json.WriteString("probability"u8, "HIGH");
            json.WriteBoolean("blocked"u8, true);
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteNumber("index"u8, 0);
        json.WriteEndObject();
        json.WriteEndArray();
        GeminiError.WriteFilteredTail(json, answer.Model, ResponseId);
        json.WriteEndObject();
    }
}
