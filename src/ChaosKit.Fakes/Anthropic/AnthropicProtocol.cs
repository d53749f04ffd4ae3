using ChaosKit.Fakes.Content;
using ChaosKit.Fakes.Determinism;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Hosting;
using Microsoft.AspNetCore.Http;

namespace ChaosKit.Fakes.Anthropic;

/// <summary>
/// The Anthropic Messages API as the official SDKs see it: <c>POST /v1/messages</c> (non-streaming) and
/// <c>GET /v1/models</c>, with Anthropic's headers, ids and error envelopes.
/// </summary>
/// <remarks>
/// Order of checks on <c>POST /v1/messages</c>, as the real edge applies them: credentials (401), the
/// <c>anthropic-version</c> header and body (400), the model (404), then the phase's faults, then the answer.
/// Faults thus hit only calls the real API would have served.
/// </remarks>
internal sealed class AnthropicProtocol : IProviderProtocol
{
    /// <summary>Route name of the Messages API.</summary>
    public const string MessagesRoute = "POST /v1/messages";

    /// <summary>Route name of the model list.</summary>
    public const string ModelsRoute = "GET /v1/models";

    private readonly int _seed;
    private readonly bool _requireApiKey;
    private readonly AnthropicIds _ids;

    /// <summary>Creates the protocol of one fake.</summary>
    public AnthropicProtocol(int seed, string provider, bool requireApiKey)
    {
        _seed = seed;
        _requireApiKey = requireApiKey;
        _ids = new AnthropicIds(seed, provider);
    }

    /// <inheritdoc />
    public Task HandleAsync(FakeExchange exchange, CancellationToken ct)
    {
        var method = exchange.Request.Method;
        var path = exchange.Request.Path.Value?.TrimEnd('/') ?? "";
        if (HttpMethods.IsPost(method) && path == "/v1/messages")
        {
            exchange.Route = MessagesRoute;
            return MessagesAsync(exchange, ct);
        }
        if (HttpMethods.IsGet(method) && path == "/v1/models")
        {
            exchange.Route = ModelsRoute;
            return ModelsAsync(exchange, ct);
        }
        return WriteErrorAsync(exchange, StatusCodes.Status404NotFound, "not_found_error",
            $"Not Found: {method} {exchange.Request.Path} is not served by ChaosKit's fake Anthropic API; " +
            $"it serves {MessagesRoute} and {ModelsRoute}.", null, ct);
    }

    /// <inheritdoc />
    public Task WriteFakeFailureAsync(FakeExchange exchange, Exception error, CancellationToken ct) =>
        WriteErrorAsync(exchange, StatusCodes.Status500InternalServerError, "api_error",
            $"ChaosKit's fake failed to answer (a ChaosKit bug, not an injected fault): {error.GetType().Name}: {error.Message}", null, ct);

    private async Task MessagesAsync(FakeExchange exchange, CancellationToken ct)
    {
        if (await RejectUnauthenticatedAsync(exchange, ct)) return;
        if (!exchange.Request.Headers.ContainsKey("anthropic-version"))
        {
            await WriteInvalidAsync(exchange, "anthropic-version: header is required", ct);
            return;
        }

        var request = MessagesRequest.Parse(exchange.Body, out var problem);
        if (request is null)
        {
            await WriteInvalidAsync(exchange, problem!, ct);
            return;
        }
        if (request.Stream)
        {
            await WriteInvalidAsync(exchange,
                "stream: streaming is not supported by this ChaosKit version yet (it arrives in a later version); send stream: false", ct);
            return;
        }
        if (!AnthropicModels.TryResolve(request.Model, out var served))
        {
            await WriteErrorAsync(exchange, StatusCodes.Status404NotFound, "not_found_error", $"model: {request.Model}", null, ct);
            return;
        }

        if (await exchange.ApplyFaultsAsync(ct) is { } fault)
        {
            await WriteFaultAsync(exchange, fault, request.Model, ct);
            return;
        }

        var answer = FakeAnswer.Write(ContentSeed(exchange.Body), request.MaxTokens, request.StopSequences);
        var message = new MessageResponse(_ids.NewMessageId(), served, answer, Math.Max(1, FakeAnswer.Tokens(request.PromptChars)));
        AnthropicHeaders.Identify(exchange.Response, _ids.NewRequestId(), _ids.OrganizationId);
        AnthropicHeaders.RateLimits(exchange.Response, exchange.Time.GetUtcNow(), message.InputTokens, answer.OutputTokens);
        await JsonResponse.WriteAsync(exchange.Response, StatusCodes.Status200OK, message, MessageResponse.Write, ct);
    }

    private async Task ModelsAsync(FakeExchange exchange, CancellationToken ct)
    {
        if (await RejectUnauthenticatedAsync(exchange, ct)) return;
        if (await exchange.ApplyFaultsAsync(ct) is { } fault)
        {
            await WriteFaultAsync(exchange, fault, null, ct);
            return;
        }
        AnthropicHeaders.Identify(exchange.Response, _ids.NewRequestId(), _ids.OrganizationId);
        await JsonResponse.WriteAsync(exchange.Response, StatusCodes.Status200OK, 0, (json, _) => AnthropicModels.WriteList(json), ct);
    }

    private async Task<bool> RejectUnauthenticatedAsync(FakeExchange exchange, CancellationToken ct)
    {
        if (!_requireApiKey) return false;
        var headers = exchange.Request.Headers;
        var hasKey = !string.IsNullOrWhiteSpace(headers["x-api-key"]);
        var hasBearer = headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        if (hasKey || hasBearer) return false;
        await WriteErrorAsync(exchange, StatusCodes.Status401Unauthorized, "authentication_error", "invalid x-api-key", null, ct);
        return true;
    }

    private Task WriteInvalidAsync(FakeExchange exchange, string message, CancellationToken ct) =>
        WriteErrorAsync(exchange, StatusCodes.Status400BadRequest, AnthropicErrors.InvalidRequest, message, null, ct);

    private Task WriteFaultAsync(FakeExchange exchange, ErrorReply fault, string? model, CancellationToken ct)
    {
        var (type, message) = AnthropicErrors.For(fault.Status, _ids.OrganizationId, model);
        return WriteErrorAsync(exchange, fault.Status, type, fault.Message ?? message, fault, ct);
    }

    private Task WriteErrorAsync(FakeExchange exchange, int status, string type, string message, ErrorReply? hints, CancellationToken ct)
    {
        var requestId = _ids.NewRequestId();
        AnthropicHeaders.Identify(exchange.Response, requestId, _ids.OrganizationId);
        if (hints is not null) AnthropicHeaders.RetryHints(exchange.Response, hints);
        return JsonResponse.WriteAsync(exchange.Response, status, (type, message, requestId), AnthropicErrors.WriteBody, ct);
    }

    // Same scenario seed and same request bytes, same answer: replays and A/B runs compare like with like.
    private int ContentSeed(ReadOnlyMemory<byte> body)
    {
        var hash = new StableHash();
        hash.Add(_seed);
        hash.Add("anthropic-content");
        hash.Add(body.Span);
        return hash.FinishInt();
    }
}
