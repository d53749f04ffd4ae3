using System.Buffers;
using System.Text.Json;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Hosting;
using ChaosKit.Fakes.Streaming;

namespace ChaosKit.Fakes.OpenAi;

/// <summary>
/// A chat completion whose output the safety filter stopped part-way (<c>finish_reason: "content_filter"</c>),
/// plain or streamed, for <c>content_filter on: output</c>. Azure writes the same answer in its own key order with
/// its verdicts, from the parts here (<c>AzureFilteredChat</c>).
/// </summary>
/// <remarks>Written whole, in one go: a streamed call gets all its events at once rather than paced.</remarks>
internal static class FilteredChat
{
    private const string Id = "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT";
    private const long Created = 1741569952;

    /// <summary>Writes OpenAI's answer (created once: a method group passed as a delegate allocates on every use).</summary>
    public static readonly Func<FaultContext, CancellationToken, Task> Write = (context, ct) => SendAsync(context.Exchange, Completion, Chunk, ct);

    /// <summary>Whether <paramref name="route"/> answers a filtered output with a 200: chat completions only.</summary>
    public static bool IsChat(string route) => route.EndsWith("/chat/completions", StringComparison.Ordinal);

    /// <summary>
    /// Sends the answer: plain, the <paramref name="completion"/>; streamed, an <paramref name="opening"/> event if
    /// any, the <paramref name="chunk"/> with the text, the one with the finish reason, then <c>[DONE]</c>.
    /// </summary>
    public static Task SendAsync(
        FakeExchange exchange, Action<Utf8JsonWriter, string> completion, Action<Utf8JsonWriter, (string Model, bool Finish)> chunk,
        CancellationToken ct, Action<Utf8JsonWriter, string>? opening = null)
    {
        var model = exchange.Model ?? "gpt-4o-mini";
        if (!exchange.Streaming) return JsonResponse.WriteAsync(exchange.Response, 200, model, completion, ct);
        var events = new ArrayBufferWriter<byte>(2048);
        if (opening is not null) Sse.Event(events, null, model, opening);
        Sse.Event(events, null, (model, false), chunk);
        Sse.Event(events, null, (model, true), chunk);
        Sse.Raw(events, "data: [DONE]\n\n");
        return Sse.SendWholeAsync(exchange.Response, Sse.EventStream, events, ct);
    }

    private static void Completion(Utf8JsonWriter json, string model)
    {
        json.WriteStartObject();
        WriteHeader(json, model, "chat.completion");
        json.WriteStartArray("choices"u8);
        json.WriteStartObject();
        json.WriteNumber("index"u8, 0);
        json.WriteStartObject("message"u8);
        json.WriteString("role"u8, "assistant");
        json.WriteString("content"u8, ContentFilterFault.TextBeforeStop);
        json.WriteNull("refusal"u8);
        json.WriteEndObject();
        json.WriteNull("logprobs"u8);
        json.WriteString("finish_reason"u8, "content_filter");
        json.WriteEndObject();
        json.WriteEndArray();
        WriteUsage(json);
        json.WriteEndObject();
    }

    private static void Chunk(Utf8JsonWriter json, (string Model, bool Finish) chunk)
    {
        json.WriteStartObject();
        WriteHeader(json, chunk.Model, "chat.completion.chunk");
        json.WriteStartArray("choices"u8);
        json.WriteStartObject();
        WriteDelta(json, chunk.Finish);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Writes <c>created</c>, <c>id</c>, <c>model</c> and <c>object</c>.</summary>
    public static void WriteHeader(Utf8JsonWriter json, string model, string type)
    {
        json.WriteNumber("created"u8, Created);
        json.WriteString("id"u8, Id);
        json.WriteString("model"u8, model);
        json.WriteString("object"u8, type);
    }

    /// <summary>Writes a streamed choice's <c>delta</c> (the text, or nothing on the last), <c>finish_reason</c>, <c>index</c> and <c>logprobs</c>.</summary>
    public static void WriteDelta(Utf8JsonWriter json, bool finish)
    {
        json.WriteStartObject("delta"u8);
        if (!finish)
        {
            json.WriteString("content"u8, ContentFilterFault.TextBeforeStop);
            json.WriteString("role"u8, "assistant");
        }
        json.WriteEndObject();
        if (finish) json.WriteString("finish_reason"u8, "content_filter");
        else json.WriteNull("finish_reason"u8);
        json.WriteNumber("index"u8, 0);
        json.WriteNull("logprobs"u8);
    }

    /// <summary>Writes the <c>usage</c> of the stopped answer.</summary>
    public static void WriteUsage(Utf8JsonWriter json)
    {
        json.WriteStartObject("usage"u8);
        json.WriteNumber("completion_tokens"u8, 14);
        json.WriteNumber("prompt_tokens"u8, 9);
        json.WriteNumber("total_tokens"u8, 23);
        json.WriteEndObject();
    }
}
