using System.Globalization;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Hosting;
using ChaosKit.Fakes.OpenAi;
using ChaosKit.Fakes.Streaming;
using Microsoft.AspNetCore.Http;

namespace ChaosKit.Fakes.AzureOpenAi;

/// <summary>
/// Azure OpenAI as its clients see it. The classic surface, which the Azure.AI.OpenAI client and the JS/Python
/// <c>AzureOpenAI</c> clients call with <c>?api-version=…</c>:
/// <c>POST /openai/deployments/{deployment}/chat/completions</c> (plain and streamed), <c>…/embeddings</c> and
/// <c>POST /openai/responses</c> (the deployment in the body's <c>model</c>). And the v1 surface Azure opened in
/// August 2025 for the plain OpenAI clients (base URL <c>…/openai/v1/</c>, no <c>api-version</c> needed):
/// <c>POST /openai/v1/chat/completions</c>, <c>/openai/v1/embeddings</c> and <c>/openai/v1/responses</c>, the
/// deployment in the body's <c>model</c>. Keyed by the <c>api-key</c> header (or a bearer token), with Azure's
/// headers, key order, content-filter fields and errors.
/// </summary>
/// <remarks>
/// Deployments are not configured: a deployment named after an OpenAI model (<c>gpt-4o-mini</c>, ...) is served
/// by that model's snapshot; any other name gets Azure's 404 <c>DeploymentNotFound</c>. The Responses API answers
/// with OpenAI's object and events (Microsoft's documented output is OpenAI's shape) and Azure's headers.
/// </remarks>
internal sealed class AzureOpenAiProtocol : IProviderProtocol
{
    private const string Prefix = "/openai/deployments/";
    private const string ChatRoute = "POST /openai/deployments/{deployment}/chat/completions";
    private const string EmbeddingsRoute = "POST /openai/deployments/{deployment}/embeddings";
    private const string ResponsesRoute = "POST /openai/responses";
    private const string V1ChatRoute = "POST /openai/v1/chat/completions";
    private const string V1EmbeddingsRoute = "POST /openai/v1/embeddings";
    private const string V1ResponsesRoute = "POST /openai/v1/responses";

    private static readonly OpenAiError BadJson = new("We could not parse the JSON body of your request.", OpenAiError.InvalidRequest, null, null);

    private readonly ProtocolSetup _setup;
    private readonly OpenAiIds _ids;
    // Created once: a method group passed as a delegate allocates a new delegate on every call.
    private readonly AnswerWriter<(ChatRequest Request, string Served)> _chat;
    private readonly AnswerWriter<Embeddings.Request> _embeddings;
    private readonly AnswerWriter<(ResponsesRequest Request, string Served, int Seed)> _responses;

    /// <summary>Creates the protocol of one fake.</summary>
    public AzureOpenAiProtocol(ProtocolSetup setup)
    {
        _setup = setup;
        _ids = new OpenAiIds(setup.Seed, setup.Provider);
        (_chat, _embeddings, _responses) = (AnswerChatAsync, AnswerEmbeddingsAsync, AnswerResponsesAsync);
    }

    /// <inheritdoc />
    public ValueTask<ResolvedCall?> ResolveAsync(FakeExchange exchange, CancellationToken ct)
    {
        var path = exchange.Request.Path.Value?.TrimEnd('/') ?? "";
        if (HttpMethods.IsPost(exchange.Request.Method))
        {
            // The v1 routes take no api-version (a ?api-version=preview is accepted and ignored); their 429s name none.
            switch (path)
            {
                case "/openai/v1/chat/completions":
                    exchange.Route = V1ChatRoute;
                    return ChatAsync(exchange, null, ct);
                case "/openai/v1/embeddings":
                    exchange.Route = V1EmbeddingsRoute;
                    return EmbeddingsAsync(exchange, null, ct);
                case "/openai/v1/responses":
                    exchange.Route = V1ResponsesRoute;
                    return ResponsesAsync(exchange, ct);
            }
            if (exchange.Request.Query["api-version"].ToString().Length > 0)
            {
                if (DeploymentOf(path, "/chat/completions") is { } chatDeployment)
                {
                    exchange.Route = ChatRoute;
                    return ChatAsync(exchange, chatDeployment, ct);
                }
                if (DeploymentOf(path, "/embeddings") is { } embeddingsDeployment)
                {
                    exchange.Route = EmbeddingsRoute;
                    return EmbeddingsAsync(exchange, embeddingsDeployment, ct);
                }
                if (path == "/openai/responses")
                {
                    exchange.Route = ResponsesRoute;
                    return ResponsesAsync(exchange, ct);
                }
            }
        }
        // Azure answers a wrong path or a missing api-version with a bare 404.
        return ResolvedCall.AnsweredAsync(WriteGatewayAsync(exchange, StatusCodes.Status404NotFound, "404",
            $"Resource not found. ChaosKit's fake Azure OpenAI serves {ChatRoute}, {EmbeddingsRoute} and {ResponsesRoute}, each with " +
            $"?api-version=<version>, and {V1ChatRoute}, {V1EmbeddingsRoute} and {V1ResponsesRoute}.", ct));
    }

    /// <inheritdoc />
    public Task WriteFakeFailureAsync(FakeExchange exchange, Exception error, CancellationToken ct) =>
        WriteGatewayAsync(exchange, StatusCodes.Status500InternalServerError, "InternalServerError",
            $"ChaosKit's fake failed to answer (a ChaosKit bug, not an injected fault): {error.GetType().Name}: {error.Message}", ct);

    // "/openai/deployments/{deployment}{suffix}" -> the deployment; null for any other path.
    private static string? DeploymentOf(string path, string suffix) =>
        path.StartsWith(Prefix, StringComparison.Ordinal) && path.EndsWith(suffix, StringComparison.Ordinal) && path.Length > Prefix.Length + suffix.Length
            ? Uri.UnescapeDataString(path[Prefix.Length..^suffix.Length])
            : null;

    // The key (api-key, else a bearer token), for the journal; false when it is refused, the 401 then sent.
    private async Task<bool> AcceptKeyAsync(FakeExchange exchange, CancellationToken ct)
    {
        var headers = exchange.Request.Headers;
        var key = headers["api-key"].ToString();
        if (key.Length == 0) key = ApiKeyCheck.BearerToken(headers.Authorization.ToString()) ?? "";
        exchange.ApiKey = key;
        if (_setup.Keys.Accepts(key)) return true;
        await WriteGatewayAsync(exchange, StatusCodes.Status401Unauthorized, "401", AzureErrors.AccessDenied, ct);
        return false;
    }

    // A body too long, not JSON by its type, or not Unicode text, answered as OpenAI does; false when it can be parsed.
    private async Task<bool> RejectUnreadableAsync(FakeExchange exchange, CancellationToken ct)
    {
        if (BodyProblem.Find(exchange) is not { } problem) return false;
        var (status, error) = OpenAiError.Unreadable(problem, OpenAiProvider.RequestLimit, BadJson);
        await WriteServiceAsync(exchange, status, error, ct);
        return true;
    }

    // The deployment the call names (in the path, or in the body's model on the v1 and Responses routes).
    private static void Deploy(FakeExchange exchange, string deployment)
    {
        exchange.Model = deployment;
        exchange.Response.Headers["x-ms-deployment-name"] = deployment;
    }

    private async ValueTask<ResolvedCall?> EmbeddingsAsync(FakeExchange exchange, string? deployment, CancellationToken ct)
    {
        if (deployment is not null) Deploy(exchange, deployment);
        if (!await AcceptKeyAsync(exchange, ct) || await RejectUnreadableAsync(exchange, ct)) return null;
        using var body = JsonBody.TryParse(exchange.Body);
        Embeddings.Request? request = null;
        var invalid = body is null
            ? BadJson
            : Embeddings.Read(body.RootElement, out request, deployment);
        if (invalid is not null)
        {
            await WriteServiceAsync(exchange, StatusCodes.Status400BadRequest, invalid, ct);
            return null;
        }
        if (deployment is null) Deploy(exchange, deployment = request!.Model);
        if (!OpenAiModels.TryResolve(deployment, out _))
        {
            await WriteGatewayAsync(exchange, StatusCodes.Status404NotFound, "DeploymentNotFound", AzureErrors.DeploymentNotFound, ct);
            return null;
        }
        return ResolvedCall.Of(_embeddings, request!, deployment);
    }

    private Task AnswerEmbeddingsAsync(FakeExchange exchange, Embeddings.Request request, CancellationToken ct)
    {
        exchange.InputTokens = request.PromptTokens;
        Succeed(exchange, request.PromptTokens);
        return JsonResponse.WriteAsync(exchange.Response, StatusCodes.Status200OK, (request, _setup.Seed), Embeddings.Write, ct);
    }

    private async ValueTask<ResolvedCall?> ChatAsync(FakeExchange exchange, string? deployment, CancellationToken ct)
    {
        if (deployment is not null) Deploy(exchange, deployment);
        if (!await AcceptKeyAsync(exchange, ct) || await RejectUnreadableAsync(exchange, ct)) return null;
        // The classic route takes the model from the deployment in its path; a body may still name one. The v1
        // route reads the deployment from the body's model, which it then requires.
        if (!ChatRequest.TryRead(exchange.Body.Span, _setup.Seed, deployment, out var request, out var invalid, _setup.AutoToolCalls))
            invalid = BadJson;
        if (invalid is null && deployment is null) Deploy(exchange, deployment = request!.Model);
        // The deployment names the model whose limits apply.
        invalid ??= request!.RefusalOn(deployment!);
        if (invalid is not null)
        {
            await WriteServiceAsync(exchange, StatusCodes.Status400BadRequest, invalid, ct);
            return null;
        }
        exchange.Streaming = request!.Stream;
        if (!OpenAiModels.TryResolve(deployment!, out var served))
        {
            await WriteGatewayAsync(exchange, StatusCodes.Status404NotFound, "DeploymentNotFound", AzureErrors.DeploymentNotFound, ct);
            return null;
        }
        return ResolvedCall.Of(_chat, (request, served), served);
    }

    private Task AnswerChatAsync(FakeExchange exchange, (ChatRequest Request, string Served) call, CancellationToken ct)
    {
        var (request, served) = call;
        var seed = request.ContentSeed;
        var chat = ChatCompletion.Answer(request, served, _ids, exchange.Time.GetUtcNow().ToUnixTimeSeconds());
        exchange.InputTokens = chat.PromptTokens;
        Succeed(exchange, chat.PromptTokens + chat.CompletionTokens);
        if (request.Stream) return PacedStreamWriter.WriteAsync(exchange, new AzureChatStream(chat, request.IncludeUsage), _setup.Pacing.For(seed), ct);
        exchange.OutputTokens = chat.CompletionTokens;
        return JsonResponse.WriteAsync(exchange.Response, StatusCodes.Status200OK, chat, AzureChat.Write, ct);
    }

    private async ValueTask<ResolvedCall?> ResponsesAsync(FakeExchange exchange, CancellationToken ct)
    {
        if (!await AcceptKeyAsync(exchange, ct) || await RejectUnreadableAsync(exchange, ct)) return null;
        using var body = JsonBody.TryParse(exchange.Body);
        ResponsesRequest? request = null;
        var invalid = body is null ? BadJson : ResponsesRequest.Read(body.RootElement, out request, _setup.AutoToolCalls);
        invalid ??= OpenAiLimits.ResponsesRefusal(request!, request!.Model);
        if (invalid is not null)
        {
            await WriteServiceAsync(exchange, StatusCodes.Status400BadRequest, invalid, ct);
            return null;
        }
        Deploy(exchange, request!.Model);
        exchange.Streaming = request.Stream;
        if (!OpenAiModels.TryResolve(request.Model, out var served))
        {
            await WriteGatewayAsync(exchange, StatusCodes.Status404NotFound, "DeploymentNotFound", AzureErrors.DeploymentNotFound, ct);
            return null;
        }
        // The body seeds the answer; it is read now, while the parsed body lives.
        return ResolvedCall.Of(_responses, (request, served, ResponsesAnswer.SeedOf(body!.RootElement, _setup.Seed)), served);
    }

    private Task AnswerResponsesAsync(FakeExchange exchange, (ResponsesRequest Request, string Served, int Seed) call, CancellationToken ct)
    {
        var (request, served, seed) = call;
        var response = ResponsesAnswer.Build(request, seed, served, _ids, exchange.Time.GetUtcNow().ToUnixTimeSeconds());
        exchange.InputTokens = response.InputTokens;
        Succeed(exchange, response.InputTokens + response.OutputTokens);
        if (request.Stream) return PacedStreamWriter.WriteAsync(exchange, new ResponsesStream(response), _setup.Pacing.For(seed), ct);
        exchange.OutputTokens = response.OutputTokens;
        return JsonResponse.WriteAsync(exchange.Response, StatusCodes.Status200OK, response, (json, r) => r.Write(json, r.FinalStatus), ct);
    }

    // Azure's headers on an answered call, with what remains of the deployment's per-minute budget.
    private void Succeed(FakeExchange exchange, int tokens)
    {
        Identify(exchange);
        exchange.Response.Headers["x-ratelimit-remaining-requests"] = "999";
        exchange.Response.Headers["x-ratelimit-remaining-tokens"] = Math.Max(0, 150_000 - tokens).ToString(CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    /// <remarks>Gateway refusals (rate limit, quota, key, role, deployment) in Azure's own shape; the model service's errors in OpenAI's.</remarks>
    public Task WriteFaultAsync(FakeExchange exchange, ErrorReply fault, string? model, CancellationToken ct)
    {
        var apiVersion = ApiVersionOf(exchange);
        Identify(exchange);
        var response = exchange.Response;
        fault.SetRetryHeaders(response.Headers);
        switch (fault.Kind)
        {
            case ErrorKind.RateLimit or ErrorKind.QuotaExhausted:
                // The gateway's 429 names the wait in its message: 60 s for a rate limit, a day for a spent daily quota.
                var fallback = fault.Kind == ErrorKind.QuotaExhausted ? 86_400 : 60;
                var seconds = fault.RetryAfter is { } after ? (long)Math.Ceiling(after.TotalSeconds) : fallback;
                response.Headers["x-ratelimit-remaining-requests"] = "0";
                response.Headers["x-ratelimit-remaining-tokens"] = "0";
                return JsonResponse.WriteAsync(response, fault.Status, ("429", fault.Message ?? AzureErrors.RateLimitMessage(Operation(exchange), apiVersion, seconds)),
                    AzureErrors.WriteGateway, ct, "application/json");
            case ErrorKind.ContentFilter:
                response.Headers["x-ms-rai-invoked"] = "true";
                return JsonResponse.WriteAsync(response, fault.Status, fault.Message, AzureErrors.WriteContentFilter, ct, "application/json");
            case ErrorKind.Unauthorized:
                return JsonResponse.WriteAsync(response, fault.Status, ("401", fault.Message ?? AzureErrors.AccessDenied), AzureErrors.WriteGateway, ct);
            case ErrorKind.PermissionDenied:
                return JsonResponse.WriteAsync(response, fault.Status, ("PermissionDenied", fault.Message ?? AzureErrors.PermissionDenied),
                    AzureErrors.WriteGateway, ct);
            case ErrorKind.ModelNotFound:
                return JsonResponse.WriteAsync(response, fault.Status, ("DeploymentNotFound", fault.Message ?? AzureErrors.DeploymentNotFound),
                    AzureErrors.WriteGateway, ct);
            default:
                // Errors of the model service itself come through in OpenAI's envelope.
                var responsesApi = Operation(exchange) == AzureOperation.Responses;
                return JsonResponse.WriteAsync(response, fault.Status, OpenAiError.For(fault, model, _ids.NewRequestId(), responsesApi), AzureErrors.WriteService, ct);
        }
    }

    // The api-version a classic route was called with, which its 429s name; the v1 routes take none.
    private static string? ApiVersionOf(FakeExchange exchange) =>
        exchange.Route is ChatRoute or EmbeddingsRoute or ResponsesRoute ? exchange.Request.Query["api-version"].ToString() : null;

    private static AzureOperation Operation(FakeExchange exchange) => exchange.Route switch
    {
        EmbeddingsRoute or V1EmbeddingsRoute => AzureOperation.Embeddings,
        ResponsesRoute or V1ResponsesRoute => AzureOperation.Responses,
        _ => AzureOperation.Chat,
    };

    private void Identify(FakeExchange exchange)
    {
        var headers = exchange.Response.Headers;
        var id = Guid.Parse(_ids.NewRequestId()[4..]).ToString("D");
        headers["apim-request-id"] = id;
        headers["x-request-id"] = id;
        headers["x-ms-region"] = "Sweden Central";
        headers["x-ms-client-request-id"] = exchange.Request.Headers["x-ms-client-request-id"].ToString() is { Length: > 0 } client ? client : id;
    }

    private Task WriteGatewayAsync(FakeExchange exchange, int status, string code, string message, CancellationToken ct)
    {
        Identify(exchange);
        return JsonResponse.WriteAsync(exchange.Response, status, (code, message), AzureErrors.WriteGateway, ct);
    }

    private Task WriteServiceAsync(FakeExchange exchange, int status, OpenAiError error, CancellationToken ct)
    {
        Identify(exchange);
        return JsonResponse.WriteAsync(exchange.Response, status, error, AzureErrors.WriteService, ct);
    }
}
