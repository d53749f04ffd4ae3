using ChaosKit.Fakes.Content;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Hosting;
using ChaosKit.Fakes.Streaming;
using Microsoft.AspNetCore.Http;

namespace ChaosKit.Fakes.Anthropic;

/// <summary>
/// The Anthropic Messages API as the official SDKs see it: <c>POST /v1/messages</c> (plain and streamed),
/// <c>POST /v1/messages/count_tokens</c>, <c>GET /v1/models</c> (paged) and <c>GET /v1/models/{model_id}</c>, with
/// Anthropic's headers, ids and error envelopes.
/// </summary>
/// <remarks>
/// Order of checks on <c>POST /v1/messages</c>, as the real edge applies them: credentials (401), the
/// <c>anthropic-version</c> header and body (400), the model (404); then (in the handler) the phase's faults, then
/// the answer. Faults thus hit only calls the real API would have served.
/// </remarks>
internal sealed class AnthropicProtocol : IProviderProtocol
{
    /// <summary>Route name of the Messages API.</summary>
    public const string MessagesRoute = "POST /v1/messages";

    /// <summary>Route name of token counting.</summary>
    public const string CountTokensRoute = "POST /v1/messages/count_tokens";

    /// <summary>Route name of the model list.</summary>
    public const string ModelsRoute = "GET /v1/models";

    /// <summary>Route name of one model's description.</summary>
    public const string ModelRoute = "GET /v1/models/{model_id}";

    private readonly ProtocolSetup _setup;
    private readonly AnthropicIds _ids;
    // Created once: a method group passed as a delegate allocates a new delegate on every call.
    private readonly AnswerWriter<(MessagesRequest Request, string Served)> _messages;
    private readonly AnswerWriter<MessagesRequest> _countTokens;
    private readonly AnswerWriter<(AnthropicModels.Model? Model, AnthropicModels.ModelPage Page)> _models;

    /// <summary>Creates the protocol of one fake.</summary>
    public AnthropicProtocol(ProtocolSetup setup)
    {
        _setup = setup;
        _ids = new AnthropicIds(setup.Seed, setup.Provider);
        (_messages, _countTokens, _models) = (AnswerMessagesAsync, AnswerCountTokensAsync, AnswerModelsAsync);
    }

    /// <inheritdoc />
    public ValueTask<ResolvedCall?> ResolveAsync(FakeExchange exchange, CancellationToken ct)
    {
        var method = exchange.Request.Method;
        var path = exchange.Request.Path.Value?.TrimEnd('/') ?? "";
        if (HttpMethods.IsPost(method) && path == "/v1/messages")
        {
            exchange.Route = MessagesRoute;
            return MessagesAsync(exchange, ct);
        }
        if (HttpMethods.IsPost(method) && path == "/v1/messages/count_tokens")
        {
            exchange.Route = CountTokensRoute;
            return CountTokensAsync(exchange, ct);
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
        return ResolvedCall.AnsweredAsync(WriteErrorAsync(exchange, StatusCodes.Status404NotFound, "not_found_error",
            $"Not Found: {method} {exchange.Request.Path} is not served by ChaosKit's fake Anthropic API; " +
            $"it serves {MessagesRoute}, {CountTokensRoute}, {ModelsRoute} and {ModelRoute}.", null, ct));
    }

    /// <inheritdoc />
    public Task WriteFakeFailureAsync(FakeExchange exchange, Exception error, CancellationToken ct) =>
        WriteErrorAsync(exchange, StatusCodes.Status500InternalServerError, "api_error",
            $"ChaosKit's fake failed to answer (a ChaosKit bug, not an injected fault): {error.GetType().Name}: {error.Message}", null, ct);

    private async ValueTask<ResolvedCall?> MessagesAsync(FakeExchange exchange, CancellationToken ct)
    {
        var request = await ReadRequestAsync(exchange, countOnly: false, ct);
        if (request is null) return null;
        if (!AnthropicModels.TryResolve(request.Model, out var served))
        {
            await WriteErrorAsync(exchange, StatusCodes.Status404NotFound, "not_found_error", $"model: {request.Model}", null, ct);
            return null;
        }
        if (AnthropicLimits.Refusal(request, served, exchange.Request.Headers) is { } beyond)
        {
            await WriteInvalidAsync(exchange, beyond, ct);
            return null;
        }
        return ResolvedCall.Of(_messages, (request, served), request.Model);
    }

    private Task AnswerMessagesAsync(FakeExchange exchange, (MessagesRequest Request, string Served) call, CancellationToken ct)
    {
        var (request, served) = call;
        var contentSeed = request.ContentSeed;
        // Thinking comes first and counts against max_tokens; the answer gets what it leaves.
        var thinking = request.ThinkingBudget is { } budget && Math.Min(budget, request.MaxTokens - 1) is > 0 and var room
            ? Thinking.Write(contentSeed, room, request.ThinkingOmitted) : null;
        var answer = Answer.For(contentSeed, request.MaxTokens - (thinking?.Tokens ?? 0), request.StopSequences, request.ForcedTool, request.Format);
        var message = new MessageResponse(_ids.NewMessageId(), served, answer, Math.Max(1, FakeAnswer.Tokens(request.PromptChars)))
        {
            ToolUseId = ToolCall.NewId("toolu_01", 22, contentSeed),
            Thinking = thinking,
        };
        var requestId = _ids.NewRequestId();
        exchange.InputTokens = message.InputTokens;
        AnthropicHeaders.Identify(exchange.Response, requestId, _ids.OrganizationId);
        AnthropicHeaders.RateLimits(exchange.Response, exchange.Time.GetUtcNow(), message.InputTokens, message.OutputTokens);
        if (request.Stream)
            return PacedStreamWriter.WriteAsync(
                exchange, new AnthropicStream(message, requestId, _ids.OrganizationId), _setup.Pacing.For(contentSeed), ct);
        exchange.OutputTokens = message.OutputTokens;
        return JsonResponse.WriteAsync(exchange.Response, StatusCodes.Status200OK, message, MessageResponse.Write, ct);
    }

    private async ValueTask<ResolvedCall?> CountTokensAsync(FakeExchange exchange, CancellationToken ct)
    {
        var request = await ReadRequestAsync(exchange, countOnly: true, ct);
        if (request is null) return null;
        if (!AnthropicModels.TryResolve(request.Model, out _))
        {
            await WriteErrorAsync(exchange, StatusCodes.Status404NotFound, "not_found_error", $"model: {request.Model}", null, ct);
            return null;
        }
        return ResolvedCall.Of(_countTokens, request, request.Model);
    }

    private Task AnswerCountTokensAsync(FakeExchange exchange, MessagesRequest request, CancellationToken ct)
    {
        var tokens = Math.Max(1, FakeAnswer.Tokens(request.PromptChars));
        exchange.InputTokens = tokens;
        AnthropicHeaders.Identify(exchange.Response, _ids.NewRequestId(), _ids.OrganizationId);
        return JsonResponse.WriteAsync(exchange.Response, StatusCodes.Status200OK, tokens, (json, n) =>
        {
            json.WriteStartObject();
            json.WriteNumber("input_tokens"u8, n);
            json.WriteEndObject();
        }, ct);
    }

    /// <summary>Checks size, credentials, version header and body; answers the 413/401/400 itself and returns null then.</summary>
    private async ValueTask<MessagesRequest?> ReadRequestAsync(FakeExchange exchange, bool countOnly, CancellationToken ct)
    {
        // Cloudflare refuses an oversized body before the API sees the key.
        if (exchange.BodyTooLarge)
        {
            var (type, message) = AnthropicErrors.For(StatusCodes.Status413RequestEntityTooLarge, _ids.OrganizationId, null);
            await WriteErrorAsync(exchange, StatusCodes.Status413RequestEntityTooLarge, type, message, null, ct);
            return null;
        }
        if (await RejectUnauthenticatedAsync(exchange, ct)) return null;
        if (!exchange.Request.Headers.ContainsKey("anthropic-version"))
        {
            await WriteInvalidAsync(exchange, "anthropic-version: header is required", ct);
            return null;
        }
        if (BodyProblem.Find(exchange) is { } unreadable)
        {
            await WriteInvalidAsync(exchange, AnthropicErrors.Unreadable(unreadable, exchange.Body.Span), ct);
            return null;
        }
        var request = MessagesRequest.Parse(exchange.Body, _setup.Seed, out var problem, countOnly, _setup.AutoToolCalls);
        if (request is null)
        {
            await WriteInvalidAsync(exchange, problem!, ct);
            return null;
        }
        exchange.Model = request.Model;
        exchange.Streaming = request.Stream;
        return request;
    }

    // The list (id null), paged as the real API pages it, or one model by snapshot or alias.
    private async ValueTask<ResolvedCall?> ModelsAsync(FakeExchange exchange, string? id, CancellationToken ct)
    {
        if (await RejectUnauthenticatedAsync(exchange, ct)) return null;
        AnthropicModels.ModelPage page = default;
        if (id is null && AnthropicModels.ReadPage(exchange.Request.Query, out page) is { } invalid)
        {
            await WriteErrorAsync(exchange, StatusCodes.Status400BadRequest, "invalid_request_error", invalid, null, ct);
            return null;
        }
        var model = id is null ? null : AnthropicModels.Find(id);
        if (id is not null && model is null)
        {
            await WriteErrorAsync(exchange, StatusCodes.Status404NotFound, "not_found_error", $"model: {id}", null, ct);
            return null;
        }
        return ResolvedCall.Of(_models, (model, page), null);
    }

    private Task AnswerModelsAsync(FakeExchange exchange, (AnthropicModels.Model? Model, AnthropicModels.ModelPage Page) call, CancellationToken ct)
    {
        AnthropicHeaders.Identify(exchange.Response, _ids.NewRequestId(), _ids.OrganizationId);
        return call.Model is { } model
            ? JsonResponse.WriteAsync(exchange.Response, StatusCodes.Status200OK, model, AnthropicModels.Write, ct)
            : JsonResponse.WriteAsync(exchange.Response, StatusCodes.Status200OK, call.Page, AnthropicModels.WriteList, ct);
    }

    private async Task<bool> RejectUnauthenticatedAsync(FakeExchange exchange, CancellationToken ct)
    {
        var headers = exchange.Request.Headers;
        var key = headers["x-api-key"].ToString();
        // OAuth callers send a bearer token instead of a key.
        if (key.Length == 0) key = ApiKeyCheck.BearerToken(headers.Authorization.ToString()) ?? "";
        exchange.ApiKey = key;
        if (_setup.Keys.Accepts(key)) return false;
        await WriteErrorAsync(exchange, StatusCodes.Status401Unauthorized, "authentication_error", "invalid x-api-key", null, ct);
        return true;
    }

    private Task WriteInvalidAsync(FakeExchange exchange, string message, CancellationToken ct) =>
        WriteErrorAsync(exchange, StatusCodes.Status400BadRequest, AnthropicErrors.InvalidRequest, message, null, ct);

    /// <inheritdoc />
    public Task WriteFaultAsync(FakeExchange exchange, ErrorReply fault, string? model, CancellationToken ct)
    {
        var (type, message, code) = AnthropicErrors.For(fault, _ids.OrganizationId, model, exchange.Time.GetUtcNow());
        return WriteErrorAsync(exchange, fault.Status, type, message, fault, ct, code);
    }

    private Task WriteErrorAsync(
        FakeExchange exchange, int status, string type, string message, ErrorReply? hints, CancellationToken ct, string? errorCode = null)
    {
        var requestId = _ids.NewRequestId();
        AnthropicHeaders.Identify(exchange.Response, requestId, _ids.OrganizationId);
        hints?.SetRetryHeaders(exchange.Response.Headers);
        return JsonResponse.WriteAsync(exchange.Response, status, (type, message, requestId, errorCode), AnthropicErrors.WriteBody, ct);
    }
}
