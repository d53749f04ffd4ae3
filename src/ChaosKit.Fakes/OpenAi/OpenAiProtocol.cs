using System.Text.Json;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Hosting;
using ChaosKit.Fakes.Streaming;
using Microsoft.AspNetCore.Http;

namespace ChaosKit.Fakes.OpenAi;

/// <summary>
/// The OpenAI API as the official SDKs see it: <c>POST /v1/chat/completions</c> and <c>POST /v1/responses</c>
/// (plain and streamed), <c>POST /v1/embeddings</c>, <c>GET /v1/models</c> and <c>GET /v1/models/{id}</c>, with
/// OpenAI's headers, ids and error envelopes.
/// </summary>
/// <remarks>
/// Order of checks, as the real API applies them: credentials (401), body (400), model (404); then (in the handler)
/// the phase's faults, then the answer. Faults thus hit only calls the real API would have served.
/// </remarks>
internal sealed class OpenAiProtocol : IProviderProtocol
{
    private const string ChatRoute = "POST /v1/chat/completions";
    private const string ResponsesRoute = "POST /v1/responses";
    private const string EmbeddingsRoute = "POST /v1/embeddings";
    private const string ModelsRoute = "GET /v1/models";
    private const string ModelRoute = "GET /v1/models/{id}";

    private readonly ProtocolSetup _setup;
    private readonly OpenAiIds _ids;
    // Created once: a method group passed as a delegate allocates a new delegate on every call.
    private readonly Func<FakeExchange, JsonElement, CancellationToken, ValueTask<ResolvedCall?>> _responses, _embeddings;
    private readonly AnswerWriter<(ChatRequest Request, string Served)> _chatAnswer;
    private readonly AnswerWriter<(ResponsesRequest Request, string Served, int Seed)> _responsesAnswer;
    private readonly AnswerWriter<Embeddings.Request> _embeddingsAnswer;
    private readonly AnswerWriter<OpenAiModels.Model?> _modelsAnswer;

    /// <summary>Creates the protocol of one fake.</summary>
    public OpenAiProtocol(ProtocolSetup setup)
    {
        _setup = setup;
        _ids = new OpenAiIds(setup.Seed, setup.Provider);
        (_responses, _embeddings) = (ResponsesAsync, EmbeddingsAsync);
        (_chatAnswer, _responsesAnswer, _embeddingsAnswer, _modelsAnswer) = (AnswerChatAsync, AnswerResponsesAsync, AnswerEmbeddingsAsync, AnswerModelsAsync);
    }

    /// <inheritdoc />
    public ValueTask<ResolvedCall?> ResolveAsync(FakeExchange exchange, CancellationToken ct)
    {
        var method = exchange.Request.Method;
        var path = exchange.Request.Path.Value?.TrimEnd('/') ?? "";
        if (HttpMethods.IsPost(method))
        {
            switch (path)
            {
                case "/v1/chat/completions":
                    exchange.Route = ChatRoute;
                    return ChatAsync(exchange, ct);
                case "/v1/responses":
                    exchange.Route = ResponsesRoute;
                    return WithBodyAsync(exchange, _responses, ct);
                case "/v1/embeddings":
                    exchange.Route = EmbeddingsRoute;
                    return WithBodyAsync(exchange, _embeddings, ct);
            }
        }
        if (HttpMethods.IsGet(method) && path == "/v1/models")
        {
            exchange.Route = ModelsRoute;
            return ModelsAsync(exchange, null, ct);
        }
        if (HttpMethods.IsGet(method) && path.StartsWith("/v1/models/", StringComparison.Ordinal) && path.Length > "/v1/models/".Length)
        {
            exchange.Route = ModelRoute;
            return ModelsAsync(exchange, Uri.UnescapeDataString(path["/v1/models/".Length..]), ct);
        }
        return ResolvedCall.AnsweredAsync(WriteErrorAsync(exchange, StatusCodes.Status404NotFound, new OpenAiError(
            $"Invalid URL ({method} {exchange.Request.Path}). ChaosKit's fake OpenAI API serves {ChatRoute}, {ResponsesRoute}, " +
            $"{EmbeddingsRoute}, {ModelsRoute} and {ModelRoute}.", OpenAiError.InvalidRequest, null, null), null, ct));
    }

    /// <inheritdoc />
    public Task WriteFakeFailureAsync(FakeExchange exchange, Exception error, CancellationToken ct) =>
        WriteErrorAsync(exchange, StatusCodes.Status500InternalServerError, new OpenAiError(
            $"ChaosKit's fake failed to answer (a ChaosKit bug, not an injected fault): {error.GetType().Name}: {error.Message}",
            "server_error", null, null), null, ct);

    private async ValueTask<ResolvedCall?> WithBodyAsync(
        FakeExchange exchange, Func<FakeExchange, JsonElement, CancellationToken, ValueTask<ResolvedCall?>> resolve, CancellationToken ct)
    {
        if (await RejectUnauthenticatedAsync(exchange, ct) || await RejectUnreadableAsync(exchange, ct)) return null;
        using var body = JsonBody.TryParse(exchange.Body);
        if (body is null)
        {
            await WriteErrorAsync(exchange, StatusCodes.Status400BadRequest, OpenAiError.NotJson, null, ct);
            return null;
        }
        return await resolve(exchange, body.RootElement, ct);
    }

    private async ValueTask<ResolvedCall?> ChatAsync(FakeExchange exchange, CancellationToken ct)
    {
        if (await RejectUnauthenticatedAsync(exchange, ct) || await RejectUnreadableAsync(exchange, ct)) return null;
        if (!ChatRequest.TryRead(exchange.Body.Span, _setup.Seed, null, out var request, out var invalid, _setup.AutoToolCalls))
        {
            await WriteErrorAsync(exchange, StatusCodes.Status400BadRequest, OpenAiError.NotJson, null, ct);
            return null;
        }
        invalid ??= request!.RefusalOn(request.Model);
        return await AcceptAsync(exchange, invalid, request?.Model, request?.Stream, ct) is { } served
            ? ResolvedCall.Of(_chatAnswer, (request!, served), request!.Model)
            : null;
    }

    private Task AnswerChatAsync(FakeExchange exchange, (ChatRequest Request, string Served) call, CancellationToken ct)
    {
        var (request, served) = call;
        var seed = request.ContentSeed;
        var chat = ChatCompletion.Answer(request, served, _ids, exchange.Time.GetUtcNow().ToUnixTimeSeconds());
        var requestId = Succeed(exchange, chat.PromptTokens, chat.CompletionTokens);
        if (request.Stream)
            return PacedStreamWriter.WriteAsync(exchange, new ChatStream(chat, request.IncludeUsage, requestId, request.IncludeObfuscation), _setup.Pacing.For(seed), ct);
        exchange.OutputTokens = chat.CompletionTokens;
        return JsonResponse.WriteAsync(exchange.Response, StatusCodes.Status200OK, chat, ChatCompletion.Write, ct);
    }

    private async ValueTask<ResolvedCall?> ResponsesAsync(FakeExchange exchange, JsonElement root, CancellationToken ct)
    {
        var invalid = ResponsesRequest.Read(root, out var request, _setup.AutoToolCalls);
        invalid ??= OpenAiLimits.ResponsesRefusal(request!, request!.Model);
        if (await AcceptAsync(exchange, invalid, request?.Model, request?.Stream, ct) is not { } served) return null;
        // The body seeds the answer; it is read now, while the parsed body lives.
        return ResolvedCall.Of(_responsesAnswer, (request!, served, ResponsesAnswer.SeedOf(root, _setup.Seed)), request!.Model);
    }

    private Task AnswerResponsesAsync(FakeExchange exchange, (ResponsesRequest Request, string Served, int Seed) call, CancellationToken ct)
    {
        var (request, served, seed) = call;
        var response = ResponsesAnswer.Build(request, seed, served, _ids, exchange.Time.GetUtcNow().ToUnixTimeSeconds());
        Succeed(exchange, response.InputTokens, response.OutputTokens);
        if (request.Stream) return PacedStreamWriter.WriteAsync(exchange, new ResponsesStream(response), _setup.Pacing.For(seed), ct);
        exchange.OutputTokens = response.OutputTokens;
        return JsonResponse.WriteAsync(exchange.Response, StatusCodes.Status200OK, response, (json, r) => r.Write(json, r.FinalStatus), ct);
    }

    private async ValueTask<ResolvedCall?> EmbeddingsAsync(FakeExchange exchange, JsonElement root, CancellationToken ct)
    {
        if (Embeddings.Read(root, out var request) is { } invalid)
        {
            await WriteErrorAsync(exchange, StatusCodes.Status400BadRequest, invalid, null, ct);
            return null;
        }
        exchange.Model = request!.Model;
        return await ResolveModelAsync(exchange, request.Model, ct) is null ? null : ResolvedCall.Of(_embeddingsAnswer, request, request.Model);
    }

    private Task AnswerEmbeddingsAsync(FakeExchange exchange, Embeddings.Request request, CancellationToken ct)
    {
        Succeed(exchange, request.PromptTokens, 0);
        return JsonResponse.WriteAsync(exchange.Response, StatusCodes.Status200OK, (request, _setup.Seed), Embeddings.Write, ct);
    }

    private async ValueTask<ResolvedCall?> ModelsAsync(FakeExchange exchange, string? id, CancellationToken ct)
    {
        if (await RejectUnauthenticatedAsync(exchange, ct)) return null;
        OpenAiModels.Model? model = null;
        if (id is not null && (model = OpenAiModels.Find(id)) is null)
        {
            // The recorded wording for this route differs from the generation routes: quotes, not backticks.
            await WriteErrorAsync(exchange, StatusCodes.Status404NotFound, new OpenAiError(
                $"The model '{id}' does not exist", OpenAiError.InvalidRequest, "model", "model_not_found"), null, ct);
            return null;
        }
        return ResolvedCall.Of(_modelsAnswer, model, id);
    }

    private Task AnswerModelsAsync(FakeExchange exchange, OpenAiModels.Model? model, CancellationToken ct)
    {
        OpenAiHeaders.Identify(exchange.Response, _ids.NewRequestId(), exchange.Time.GetElapsedTime(exchange.ArrivedAt));
        return model is null
            ? JsonResponse.WriteAsync(exchange.Response, StatusCodes.Status200OK, 0, (json, _) => OpenAiModels.WriteList(json), ct)
            : JsonResponse.WriteAsync(exchange.Response, StatusCodes.Status200OK, model, OpenAiModels.WriteModel, ct);
    }

    /// <summary>
    /// Answers a refused body (400), else records the model and streaming flag and resolves the model; returns the
    /// snapshot to serve, or null when the call has been answered.
    /// </summary>
    private async ValueTask<string?> AcceptAsync(FakeExchange exchange, OpenAiError? invalid, string? model, bool? stream, CancellationToken ct)
    {
        if (invalid is not null || model is null)
        {
            await WriteErrorAsync(exchange, StatusCodes.Status400BadRequest, invalid ?? OpenAiFields.Missing("model"), null, ct);
            return null;
        }
        exchange.Model = model;
        exchange.Streaming = stream ?? false;
        return await ResolveModelAsync(exchange, model, ct);
    }

    /// <summary>Resolves the model (404 if unknown); null when the call has been answered.</summary>
    private async ValueTask<string?> ResolveModelAsync(FakeExchange exchange, string model, CancellationToken ct)
    {
        if (OpenAiModels.TryResolve(model, out var served)) return served;
        await WriteErrorAsync(exchange, StatusCodes.Status404NotFound, OpenAiError.ModelNotFound(model), null, ct);
        return null;
    }

    private string Succeed(FakeExchange exchange, int inputTokens, int outputTokens)
    {
        exchange.InputTokens = inputTokens;
        var requestId = _ids.NewRequestId();
        OpenAiHeaders.Identify(exchange.Response, requestId, exchange.Time.GetElapsedTime(exchange.ArrivedAt));
        OpenAiHeaders.RateLimits(exchange.Response, inputTokens + outputTokens);
        return requestId;
    }

    private async Task<bool> RejectUnauthenticatedAsync(FakeExchange exchange, CancellationToken ct)
    {
        var authorization = exchange.Request.Headers.Authorization.ToString();
        var key = ApiKeyCheck.BearerToken(authorization);
        exchange.ApiKey = key;
        if (_setup.Keys.Accepts(key)) return false;
        await WriteErrorAsync(exchange, StatusCodes.Status401Unauthorized,
            string.IsNullOrEmpty(key) ? OpenAiError.MissingKey : OpenAiError.IncorrectKey(key), null, ct);
        return true;
    }

    // A body too long, not JSON by its type, or not Unicode text; false when it can be parsed.
    private async Task<bool> RejectUnreadableAsync(FakeExchange exchange, CancellationToken ct)
    {
        if (BodyProblem.Find(exchange) is not { } problem) return false;
        var (status, error) = OpenAiError.Unreadable(problem, OpenAiProvider.RequestLimit, OpenAiError.NotJson);
        await WriteErrorAsync(exchange, status, error, null, ct);
        return true;
    }

    /// <inheritdoc />
    public Task WriteFaultAsync(FakeExchange exchange, ErrorReply fault, string? model, CancellationToken ct)
    {
        var requestId = _ids.NewRequestId();
        var error = OpenAiError.For(fault, model, requestId, responsesApi: exchange.Route == ResponsesRoute);
        return WriteErrorAsync(exchange, fault.Status, error, fault, ct, requestId);
    }

    private Task WriteErrorAsync(FakeExchange exchange, int status, OpenAiError error, ErrorReply? hints, CancellationToken ct, string? requestId = null)
    {
        OpenAiHeaders.Identify(exchange.Response, requestId ?? _ids.NewRequestId(), exchange.Time.GetElapsedTime(exchange.ArrivedAt));
        hints?.SetRetryHeaders(exchange.Response.Headers);
        return JsonResponse.WriteAsync(exchange.Response, status, error, OpenAiError.Write, ct, "application/json; charset=utf-8");
    }
}
