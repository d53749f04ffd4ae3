using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using ChaosKit.Core.Scenarios;
using ChaosKit.Fakes.AzureOpenAi;
using Microsoft.AspNetCore.Http;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// A successful answer whose output the provider's safety filter stopped part-way, plain or streamed:
/// <c>finish_reason: "content_filter"</c> on a chat completion (OpenAI; Azure with the category that tripped in
/// <c>content_filter_results</c>), <c>finishReason: "SAFETY"</c> on a Gemini candidate (PROVIDERS.md §§1.2, 3, 4).
/// </summary>
/// <remarks>Written whole, in one go: a streamed call gets all its events at once rather than paced.</remarks>
internal static class FilteredAnswer
{
    private const string Text = "Here is the first part of the answer, before the filter";
    private const string Id = "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT";
    private const long Created = 1741569952;
    private const string Category = "violence";
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Whether a filtered output is a 200 for this call: on chat completions and Gemini's generation routes.
    /// Anthropic answers it with a 400, and other routes (Responses, embeddings, token counts) get the prompt's answer.
    /// </summary>
    public static bool IsSuccess(ProviderKind kind, string route) => kind switch
    {
        ProviderKind.OpenAi or ProviderKind.AzureOpenAi => route.EndsWith("/chat/completions", StringComparison.Ordinal),
        ProviderKind.Gemini => route.Contains("enerateContent", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>Writes the answer for the call in <paramref name="context"/>.</summary>
    public static Task WriteAsync(FaultContext context, CancellationToken ct)
    {
        var exchange = context.Exchange;
        var model = exchange.Model ?? "gpt-4o-mini";
        var body = new ArrayBufferWriter<byte>(2048);
        var streaming = exchange.Streaming;
        switch (context.Kind)
        {
            case ProviderKind.Gemini when streaming:
                Event(body, w => Gemini(w, model, final: false), "\r\n\r\n");
                Event(body, w => Gemini(w, model, final: true), "\r\n\r\n");
                exchange.Response.Headers.ContentDisposition = "attachment";
                break;
            case ProviderKind.Gemini:
                Json(body, w => Gemini(w, model, final: true));
                break;
            case var kind when streaming:
                var azure = kind == ProviderKind.AzureOpenAi;
                if (azure) Event(body, ContentFilter.WritePromptChunk);
                Event(body, w => Chunk(w, model, azure, finish: false));
                Event(body, w => Chunk(w, model, azure, finish: true));
                Raw(body, "data: [DONE]\n\n");
                break;
            case var kind:
                Json(body, w => Completion(w, model, kind == ProviderKind.AzureOpenAi));
                break;
        }
        var response = exchange.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = streaming
            ? context.Kind == ProviderKind.Gemini ? "text/event-stream" : "text/event-stream; charset=utf-8"
            : context.Kind == ProviderKind.Gemini ? "application/json; charset=UTF-8" : "application/json";
        if (!streaming) response.ContentLength = body.WrittenCount;
        return response.Body.WriteAsync(body.WrittenMemory, ct).AsTask();
    }

    // OpenAI writes keys in its own order; Azure alphabetically, with the verdicts on each choice.
    private static void Completion(Utf8JsonWriter json, string model, bool azure)
    {
        json.WriteStartObject();
        if (!azure) Header(json, model, "chat.completion");
        json.WriteStartArray("choices"u8);
        json.WriteStartObject();
        if (azure)
        {
            json.WritePropertyName("content_filter_results"u8);
            ContentFilter.Write(json, jailbreak: false, filtered: Category);
            json.WriteString("finish_reason"u8, "content_filter");
        }
        json.WriteNumber("index"u8, 0);
        if (azure) json.WriteNull("logprobs"u8);
        json.WriteStartObject("message"u8);
        if (!azure) json.WriteString("role"u8, "assistant");
        json.WriteString("content"u8, Text);
        json.WriteNull("refusal"u8);
        if (azure) json.WriteString("role"u8, "assistant");
        json.WriteEndObject();
        if (!azure)
        {
            json.WriteNull("logprobs"u8);
            json.WriteString("finish_reason"u8, "content_filter");
        }
        json.WriteEndObject();
        json.WriteEndArray();
        if (azure)
        {
            Header(json, model, "chat.completion");
            ContentFilter.WritePromptResults(json);
        }
        Usage(json);
        json.WriteEndObject();
    }

    private static void Chunk(Utf8JsonWriter json, string model, bool azure, bool finish)
    {
        json.WriteStartObject();
        if (!azure) Header(json, model, "chat.completion.chunk");
        json.WriteStartArray("choices"u8);
        json.WriteStartObject();
        if (azure)
        {
            json.WritePropertyName("content_filter_results"u8);
            if (finish) ContentFilter.Write(json, jailbreak: false, filtered: Category);
            else ContentFilter.Write(json, jailbreak: false);
        }
        json.WriteStartObject("delta"u8);
        if (!finish)
        {
            json.WriteString("content"u8, Text);
            json.WriteString("role"u8, "assistant");
        }
        json.WriteEndObject();
        if (finish) json.WriteString("finish_reason"u8, "content_filter");
        else json.WriteNull("finish_reason"u8);
        json.WriteNumber("index"u8, 0);
        json.WriteNull("logprobs"u8);
        json.WriteEndObject();
        json.WriteEndArray();
        if (azure) Header(json, model, "chat.completion.chunk");
        json.WriteEndObject();
    }

    private static void Header(Utf8JsonWriter json, string model, string type)
    {
        json.WriteNumber("created"u8, Created);
        json.WriteString("id"u8, Id);
        json.WriteString("model"u8, model);
        json.WriteString("object"u8, type);
    }

    private static void Usage(Utf8JsonWriter json)
    {
        json.WriteStartObject("usage"u8);
        json.WriteNumber("completion_tokens"u8, 14);
        json.WriteNumber("prompt_tokens"u8, 9);
        json.WriteNumber("total_tokens"u8, 23);
        json.WriteEndObject();
    }

    // A stopped candidate keeps no content: the finish reason and the rating that tripped are all there is.
    private static void Gemini(Utf8JsonWriter json, string model, bool final)
    {
        json.WriteStartObject();
        json.WriteStartArray("candidates"u8);
        json.WriteStartObject();
        if (!final)
        {
            json.WriteStartObject("content"u8);
            json.WriteStartArray("parts"u8);
            json.WriteStartObject();
            json.WriteString("text"u8, Text);
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
        json.WriteStartObject("usageMetadata"u8);
        json.WriteNumber("promptTokenCount"u8, 9);
        json.WriteNumber("totalTokenCount"u8, 9);
        json.WriteEndObject();
        json.WriteString("modelVersion"u8, model);
        json.WriteString("responseId"u8, "2j2taND9NLysz7IPw4em6A0");
        json.WriteEndObject();
    }

    private static void Json(ArrayBufferWriter<byte> output, Action<Utf8JsonWriter> write)
    {
        using var json = new Utf8JsonWriter(output, Options);
        write(json);
    }

    private static void Event(ArrayBufferWriter<byte> output, Action<Utf8JsonWriter> write, string terminator = "\n\n")
    {
        Raw(output, "data: ");
        Json(output, write);
        Raw(output, terminator);
    }

    private static void Raw(ArrayBufferWriter<byte> output, string text) =>
        output.Write(System.Text.Encoding.ASCII.GetBytes(text));
}
