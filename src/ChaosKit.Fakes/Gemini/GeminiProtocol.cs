using System.Buffers;
using System.Globalization;
using ChaosKit.Fakes.Content;
using ChaosKit.Fakes.Determinism;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Hosting;
using ChaosKit.Fakes.Streaming;
using Microsoft.AspNetCore.Http;

namespace ChaosKit.Fakes.Gemini;

/// <summary>
/// The Gemini API (generativelanguage.googleapis.com) as its SDKs see it, under <c>/v1beta/</c> and the stable
/// <c>/v1/</c> alike (<see cref="GeminiRoutes"/>): <c>POST /v1beta/models/{model}:generateContent</c>,
/// <c>:streamGenerateContent?alt=sse</c>, <c>:countTokens</c>, <c>:embedContent</c> and <c>:batchEmbedContents</c>,
/// <c>GET /v1beta/models</c> (paged) and <c>GET /v1beta/models/{model}</c>, keyed by <c>x-goog-api-key</c> or
/// <c>?key=</c>, with Google's error envelope (docs/providers.md#gemini-routes).
/// </summary>
/// <remarks>
/// A wrong key gets what the real API sends: 400 <c>INVALID_ARGUMENT</c> "API key not valid", not a 401; no key at
/// all gets 403 <c>PERMISSION_DENIED</c> ("unregistered callers").
/// The real API sends no rate-limit headers and puts the retry hint of a 429 in the body (<c>RetryInfo</c>).
/// </remarks>
internal sealed class GeminiProtocol : IProviderProtocol
{
    private static readonly GeminiError NoKey = new(403,
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
        "PERMISSION_DENIED");

    private readonly ProtocolSetup _setup;
    // Created once: a method group passed as a delegate allocates a new delegate on every call.
    private readonly AnswerWriter<(string Model, GenerateRequest Request, int Seed, GeminiModels.Model Known, bool Stream)> _generate;
    private readonly AnswerWriter<(List<GeminiEmbeddings.Input> Inputs, bool Batch)> _embed;
    private long _issued;

    /// <summary>Creates the protocol of one fake.</summary>
    public GeminiProtocol(ProtocolSetup setup)
    {
        _setup = setup;
        (_generate, _embed) = (AnswerGenerateAsync, AnswerEmbedAsync);
    }

    /// <inheritdoc />
    public ValueTask<ResolvedCall?> ResolveAsync(FakeExchange exchange, CancellationToken ct)
    {
        var path = exchange.Request.Path.Value ?? "";
        var routes = GeminiRoutes.Of(path) ?? GeminiRoutes.V1Beta;
        var prefix = routes.Prefix;
        var colon = path.LastIndexOf(':');
        if (HttpMethods.IsPost(exchange.Request.Method) && path.StartsWith(prefix, StringComparison.Ordinal) && colon > prefix.Length)
        {
            var model = Uri.UnescapeDataString(path[prefix.Length..colon]);
            switch (path[(colon + 1)..])
            {
                case "generateContent":
                    exchange.Route = routes.Generate;
                    return GenerateAsync(exchange, model, stream: false, ct);
                case "streamGenerateContent":
                    exchange.Route = routes.Stream;
                    return GenerateAsync(exchange, model, stream: true, ct);
                case "countTokens":
                    exchange.Route = routes.Count;
                    return CountAsync(exchange, model, ct);
                case "embedContent":
                    exchange.Route = routes.Embed;
                    return EmbedAsync(exchange, model, batch: false, ct);
                case "batchEmbedContents":
                    exchange.Route = routes.BatchEmbed;
                    return EmbedAsync(exchange, model, batch: true, ct);
            }
        }
        if (HttpMethods.IsGet(exchange.Request.Method) && path.TrimEnd('/') == routes.Models)
        {
            exchange.Route = routes.List;
            return ModelsAsync(exchange, null, ct);
        }
        if (HttpMethods.IsGet(exchange.Request.Method) && path.StartsWith(prefix, StringComparison.Ordinal) && path.Length > prefix.Length
            && path.IndexOf(':', prefix.Length) < 0)
        {
            exchange.Route = routes.Get;
            return ModelsAsync(exchange, Uri.UnescapeDataString(path[prefix.Length..].TrimEnd('/')), ct);
        }
        var v1Beta = GeminiRoutes.V1Beta;
        return ResolvedCall.AnsweredAsync(WriteErrorAsync(exchange, new GeminiError(404,
            $"ChaosKit's fake Gemini API does not serve {exchange.Request.Method} {path}; it serves {v1Beta.Generate}, " +
            $"{v1Beta.Stream}?alt=sse, {v1Beta.Count}, {v1Beta.Embed}, {v1Beta.BatchEmbed}, {v1Beta.List} and {v1Beta.Get}, " +
            "and the same under /v1/.", "NOT_FOUND"), ct));
    }

    /// <inheritdoc />
    public Task WriteFakeFailureAsync(FakeExchange exchange, Exception error, CancellationToken ct) =>
        WriteErrorAsync(exchange, new GeminiError(500,
            $"ChaosKit's fake failed to answer (a ChaosKit bug, not an injected fault): {error.GetType().Name}: {error.Message}", "INTERNAL"), ct);

    private async ValueTask<ResolvedCall?> GenerateAsync(FakeExchange exchange, string model, bool stream, CancellationToken ct)
    {
        exchange.Streaming = stream;
        if (stream && exchange.Request.Query["alt"] != "sse")
        {
            await WriteErrorAsync(exchange, new GeminiError(400,
                "ChaosKit's fake serves streamGenerateContent as server-sent events only; add ?alt=sse as the SDKs do.", "INVALID_ARGUMENT"), ct);
            return null;
        }
        return await ReadAsync(exchange, model, countOnly: false, ct) is ({ } request, var seed, { } known)
            ? ResolvedCall.Of(_generate, (model, request, seed, known, stream), model)
            : null;
    }

    private Task AnswerGenerateAsync(
        FakeExchange exchange, (string Model, GenerateRequest Request, int Seed, GeminiModels.Model Known, bool Stream) call, CancellationToken ct)
    {
        var (model, request, seed, known, stream) = call;
        // Thinking comes out of the same maxOutputTokens as the answer (no limit is int.MaxValue, still more than enough).
        var thinking = GeminiThinking.For(known, request, seed, request.MaxOutputTokens);
        var answer = Answer.For(seed, request.MaxOutputTokens - thinking.Tokens, request.StopSequences, request.ForcedTool, request.Format);
        var response = new GeminiResponse(NewResponseId(), model, answer, Math.Max(1, FakeAnswer.Tokens(request.PromptChars))) { Thinking = thinking };
        exchange.InputTokens = response.PromptTokens;
        Identify(exchange);
        if (stream)
        {
            exchange.Response.Headers.ContentDisposition = "attachment";
            return PacedStreamWriter.WriteAsync(exchange, new GeminiStream(response), _setup.Pacing.For(seed), ct);
        }
        exchange.OutputTokens = answer.OutputTokens + thinking.Tokens;
        return JsonResponse.WriteAsync(exchange.Response, StatusCodes.Status200OK, response,
            static (json, r) => r.WriteWhole(json), ct, "application/json; charset=UTF-8");
    }

    private async ValueTask<ResolvedCall?> CountAsync(FakeExchange exchange, string model, CancellationToken ct) =>
        await ReadAsync(exchange, model, countOnly: true, ct) is ({ } request, _, _) ? ResolvedCall.Of(AnswerCountAsync, request, model) : null;

    private static Task AnswerCountAsync(FakeExchange exchange, GenerateRequest request, CancellationToken ct)
    {
        var tokens = FakeAnswer.Tokens(request.PromptChars);
        exchange.InputTokens = tokens;
        Identify(exchange);
        return JsonResponse.WriteAsync(exchange.Response, StatusCodes.Status200OK, tokens, static (json, n) =>
        {
            json.WriteStartObject();
            json.WriteNumber("totalTokens"u8, n);
            json.WriteStartArray("promptTokensDetails"u8);
            json.WriteStartObject();
            json.WriteString("modality"u8, "TEXT");
            json.WriteNumber("tokenCount"u8, n);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }, ct, "application/json; charset=UTF-8");
    }

    // Key, body and model (one that embeds), in the order of the generation routes.
    private async ValueTask<ResolvedCall?> EmbedAsync(FakeExchange exchange, string model, bool batch, CancellationToken ct)
    {
        exchange.Model = model;
        if ((KeyRefusal(exchange) ?? BodyRefusal(exchange)) is { } refusal)
        {
            await WriteErrorAsync(exchange, refusal, ct);
            return null;
        }
        List<GeminiEmbeddings.Input> inputs = [];
        using (var body = JsonBody.TryParse(exchange.Body))
        {
            var problem = body is null ? "Invalid JSON payload received." : GeminiEmbeddings.Read(body.RootElement, model, batch, out inputs);
            if (problem is not null)
            {
                await WriteErrorAsync(exchange, new GeminiError(400, problem, "INVALID_ARGUMENT"), ct);
                return null;
            }
        }
        if (GeminiModels.Find(model) is not { } known || !known.Supports("embedContent"))
        {
            await WriteErrorAsync(exchange, GeminiError.NotFound(model) with
            {
                Message = GeminiModels.NotFoundMessage(model, batch ? "batchEmbedContents" : "embedContent"),
            }, ct);
            return null;
        }
        return ResolvedCall.Of(_embed, (inputs, batch), model);
    }

    private Task AnswerEmbedAsync(FakeExchange exchange, (List<GeminiEmbeddings.Input> Inputs, bool Batch) call, CancellationToken ct)
    {
        exchange.InputTokens = GeminiEmbeddings.Tokens(call.Inputs);
        Identify(exchange);
        return JsonResponse.WriteAsync(exchange.Response, StatusCodes.Status200OK, (call.Inputs, call.Batch, _setup.Seed), GeminiEmbeddings.Write, ct,
            "application/json; charset=UTF-8");
    }

    /// <summary>
    /// Key, body, model (and the thinking budget it takes), in the real API's order; answers a refusal itself and
    /// returns nulls then.
    /// </summary>
    private async ValueTask<(GenerateRequest? Request, int Seed, GeminiModels.Model? Model)> ReadAsync(FakeExchange exchange, string model, bool countOnly, CancellationToken ct)
    {
        exchange.Model = model;
        if ((KeyRefusal(exchange) ?? BodyRefusal(exchange)) is { } refusal)
        {
            await WriteErrorAsync(exchange, refusal, ct);
            return default;
        }
        using var body = JsonBody.TryParse(exchange.Body);
        GenerateRequest? request = null;
        var problem = body is null ? "Invalid JSON payload received." : GenerateRequest.Read(body.RootElement, countOnly, out request, _setup.AutoToolCalls);
        if (problem is not null || body is null)
        {
            await WriteErrorAsync(exchange, new GeminiError(400, problem ?? "Invalid JSON payload received.", "INVALID_ARGUMENT"), ct);
            return default;
        }
        var method = countOnly ? "countTokens" : "generateContent";
        if (GeminiModels.Find(model) is not { } known || !known.Supports(method))
        {
            var notFound = GeminiError.NotFound(model);
            if (exchange.Streaming) notFound = notFound with { Message = GeminiModels.NotFoundMessage(model, "streamGenerateContent") };
            else if (countOnly) notFound = notFound with { Message = GeminiModels.NotFoundMessage(model, method) };
            await WriteErrorAsync(exchange, notFound, ct);
            return default;
        }
        if (!countOnly && (GeminiModels.InputRefusal(known, request!) ?? GeminiThinking.Refusal(known, request!)) is { } beyond)
        {
            await WriteErrorAsync(exchange, new GeminiError(400, beyond, "INVALID_ARGUMENT"), ct);
            return default;
        }
        return (request, ContentSeed.Of(_setup.Seed, "gemini-content", body.RootElement), known);
    }

    /// <summary>The error for a body too long, not JSON by its type, or not Unicode text; null when it can be parsed.</summary>
    private static GeminiError? BodyRefusal(FakeExchange exchange) =>
        BodyProblem.Find(exchange) is { } problem ? GeminiError.Unreadable(problem) : null;

    /// <summary>The error for a missing (403) or refused (400) key, or null when the key is accepted.</summary>
    private GeminiError? KeyRefusal(FakeExchange exchange)
    {
        var key = exchange.Request.Headers["x-goog-api-key"].ToString();
        if (key.Length == 0) key = exchange.Request.Query["key"].ToString();
        exchange.ApiKey = key;
        if (_setup.Keys.Accepts(key)) return null;
        return key.Length == 0 ? NoKey : GeminiError.BadKey;
    }

    private async ValueTask<ResolvedCall?> ModelsAsync(FakeExchange exchange, string? id, CancellationToken ct)
    {
        exchange.Model = id;
        if (KeyRefusal(exchange) is { } refusal)
        {
            await WriteErrorAsync(exchange, refusal, ct);
            return null;
        }
        GeminiModels.Model? model = null;
        if (id is not null && (model = GeminiModels.Find(id)) is null)
        {
            // The real wording for this route differs from the generation routes'.
            await WriteErrorAsync(exchange, new GeminiError(404, $"Model is not found: models/{id} for api version v1beta", "NOT_FOUND"), ct);
            return null;
        }
        var page = default(ArraySegment<GeminiModels.Model>);
        string? next = null;
        if (id is null)
        {
            var query = exchange.Request.Query;
            // The real API takes 0 as the default size and caps larger sizes at the maximum.
            var size = GeminiModels.DefaultPageSize;
            if (query["pageSize"].ToString() is { Length: > 0 } sizeText
                && !int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out size))
                size = -1;
            if (size == 0) size = GeminiModels.DefaultPageSize;
            size = Math.Min(size, GeminiModels.MaxPageSize);
            if (size < 0 || !GeminiModels.TryPage(query["pageToken"].ToString(), size, out page, out next))
            {
                await WriteErrorAsync(exchange, new GeminiError(400, "Request contains an invalid argument.", "INVALID_ARGUMENT"), ct);
                return null;
            }
        }
        return ResolvedCall.Of(AnswerModelsAsync, (model, page, next), id);
    }

    private static Task AnswerModelsAsync(
        FakeExchange exchange, (GeminiModels.Model? Model, ArraySegment<GeminiModels.Model> Page, string? Next) call, CancellationToken ct)
    {
        Identify(exchange);
        return call.Model is { } model
            ? JsonResponse.WriteAsync(exchange.Response, StatusCodes.Status200OK, model, GeminiModels.WriteModel, ct, "application/json; charset=UTF-8")
            : JsonResponse.WriteAsync(exchange.Response, StatusCodes.Status200OK, (call.Page, call.Next), GeminiModels.WriteList, ct, "application/json; charset=UTF-8");
    }

    private static void Identify(FakeExchange exchange)
    {
        var headers = exchange.Response.Headers;
        headers.Server = "scaffolding on HTTPServer2";
        headers["Server-Timing"] = "gfet4t7; dur=" + ((long)exchange.Time.GetElapsedTime(exchange.ArrivedAt).TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        headers.Vary = "Origin, X-Origin, Referer";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "SAMEORIGIN";
        headers.XXSSProtection = "0";
    }

    /// <inheritdoc />
    public Task WriteFaultAsync(FakeExchange exchange, ErrorReply fault, string? model, CancellationToken ct)
    {
        if (HttpMethods.IsGet(exchange.Request.Method))
        {
            // The model routes (the GETs) render a fault by its status alone.
            var error = GeminiError.For(fault.Status, model, fault.RetryAfter);
            return WriteErrorAsync(exchange, fault.Message is { } message ? error with { Message = message } : error, ct);
        }
        if (fault.Status != StatusCodes.Status200OK) return WriteErrorAsync(exchange, GeminiError.For(fault, model), ct);
        // A blocked prompt is a success without candidates, a generation's shape: a token count or an embedding
        // refused by the filter gets Google's plain 400 instead, as OpenAI's fake refuses its embeddings.
        if (!GeminiRoutes.IsGeneration(exchange.Route))
        {
            var refused = GeminiError.For(StatusCodes.Status400BadRequest, model, null);
            return WriteErrorAsync(exchange, fault.Message is { } message ? refused with { Message = message } : refused, ct);
        }
        // A streamed call gets the blocked prompt as its one event.
        Identify(exchange);
        var blocked = (model!, NewResponseId()); // a generation names its model
        if (!exchange.Streaming)
            return JsonResponse.WriteAsync(exchange.Response, StatusCodes.Status200OK, blocked, GeminiError.WriteBlockedPrompt, ct, "application/json; charset=UTF-8");
        exchange.Response.Headers.ContentDisposition = "attachment";
        var events = new ArrayBufferWriter<byte>(1024);
        Sse.Event(events, null, blocked, GeminiError.WriteBlockedPrompt, "\r\n\r\n");
        exchange.Response.StatusCode = StatusCodes.Status200OK;
        exchange.Response.ContentType = "text/event-stream";
        return exchange.Response.Body.WriteAsync(events.WrittenMemory, ct).AsTask();
    }

    private static Task WriteErrorAsync(FakeExchange exchange, GeminiError error, CancellationToken ct)
    {
        Identify(exchange);
        return JsonResponse.WriteAsync(exchange.Response, error.Code, error, GeminiError.Write, ct, "application/json; charset=UTF-8");
    }

    private string NewResponseId()
    {
        var hash = new StableHash();
        hash.Add(_setup.Seed);
        hash.Add(_setup.Provider);
        hash.Add(Interlocked.Increment(ref _issued));
        return new SplitMix64(hash.Finish()).Base62String("", 23);
    }
}
