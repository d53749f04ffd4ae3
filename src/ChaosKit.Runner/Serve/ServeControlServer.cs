using System.Security.Cryptography;
using System.Text;
using ChaosKit.Core.Scenarios;
using ChaosKit.Fakes.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace ChaosKit.Runner.Serve;

/// <summary>
/// The control surface of <c>chaoskit serve</c>: a few HTTP endpoints under <c>/__chaoskit/</c> on their own
/// loopback port, so scripts and tests drive the session as the console keys do.
/// </summary>
/// <remarks>
/// <para>Its own port rather than a prefix on each fake: the fakes stay byte-for-byte the provider's API, and one URL
/// controls every provider.</para>
/// <para>Any web page open on the developer's machine can send requests to 127.0.0.1, so the surface takes only what
/// a script would send: the session's token (in the URL as printed, <c>/__chaoskit/TOKEN/...</c>, or in an
/// <c>X-ChaosKit-Token</c> header), no request from another site's page, bodies of at most
/// <see cref="LiveFaultRequest.MaxBytes"/> bytes of <c>application/json</c>, and only a loopback peer and
/// <c>Host</c> (<see cref="LoopbackApp"/>). Every refusal and bad command is a 4xx with one line of JSON,
/// <c>{"error":"..."}</c>.</para>
/// </remarks>
internal sealed class ServeControlServer : IAsyncDisposable
{
    /// <summary>The path prefix of every endpoint.</summary>
    public const string Prefix = "/__chaoskit";

    /// <summary>The header a script may carry the token in instead of the URL.</summary>
    public const string TokenHeader = "X-ChaosKit-Token";

    private static readonly LoopbackRules Rules = new()
    {
        MaxBodyBytes = LiveFaultRequest.MaxBytes,
        RefuseForeignOrigin = true,
        JsonBodiesOnly = true,
    };

    private readonly LoopbackApp _app;

    private ServeControlServer(LoopbackApp app, string token)
    {
        _app = app;
        BaseUrl = new Uri($"http://127.0.0.1:{app.Port}{Prefix}/{token}");
    }

    /// <summary>E.g. <c>http://127.0.0.1:5123/__chaoskit/3f9c…</c>: the token is part of it.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Starts the endpoints for <paramref name="session"/> on 127.0.0.1:<paramref name="port"/> (0 for a free port).</summary>
    /// <exception cref="HarnessException">The port is in use.</exception>
    public static async Task<ServeControlServer> StartAsync(ServeSession session, int port, CancellationToken ct)
    {
        // A secret, so drawn from the system's generator, never from the scenario's seed: a replay must not reveal it.
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        try
        {
            return new ServeControlServer(await LoopbackApp.StartAsync(port, Rules, app => Map(app, session, token), ct), token);
        }
        catch (IOException e)
        {
            throw new HarnessException($"the control surface cannot listen on 127.0.0.1:{port} ({e.Message}); choose another --control-port or 0 for a free one", e);
        }
    }

    /// <summary>Stops listening.</summary>
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static void Map(WebApplication app, ServeSession session, string token)
    {
        var tokenBytes = Encoding.ASCII.GetBytes(token);
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
            {
                await LoopbackApp.WriteErrorAsync(context, StatusCodes.Status500InternalServerError,
                    $"the control surface failed (a ChaosKit bug): {e.GetType().Name}: {e.Message.Split('\n')[0]}");
            }
        });
        // Empty 404s and 405s (an unknown path, a GET where a POST is due) get a reason too.
        app.UseStatusCodePages(status => LoopbackApp.WriteErrorAsync(status.HttpContext, status.HttpContext.Response.StatusCode,
            status.HttpContext.Response.StatusCode == StatusCodes.Status405MethodNotAllowed
                ? $"{status.HttpContext.Request.Method} is not how this endpoint is called; see GET {Prefix}/TOKEN/status and docs/scenarios.md"
                : $"no endpoint {status.HttpContext.Request.Method} {Prefix}/TOKEN{status.HttpContext.Request.Path.Value?[Prefix.Length..]}"));
        // The token comes off the path before routing, so the endpoints below read the same with it or with the header.
        app.Use((context, next) => Authorized(context, tokenBytes)
            ? next(context)
            : LoopbackApp.WriteErrorAsync(context, StatusCodes.Status401Unauthorized,
                $"missing or wrong control token: use {ServeRunner.ControlUrlVariable} as printed (it ends in the token) or send the token in an {TokenHeader} header"));
        app.UseRouting();
        MapEndpoints(app.MapGroup(Prefix), session);
    }

    // True for the session's token as the path segment after the prefix (then cut from the path) or in the header.
    private static bool Authorized(HttpContext context, byte[] token)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments(Prefix, out var rest)) return false;
        var segment = rest.Value.AsSpan().TrimStart('/');
        if (segment.IndexOf('/') is >= 0 and var end) segment = segment[..end];
        if (Matches(segment, token))
        {
            request.Path = Prefix + rest.Value![(1 + segment.Length)..];
            return true;
        }
        return request.Headers[TokenHeader].ToString() is { Length: > 0 } header && Matches(header, token);
    }

    // In constant time, so the answer's timing tells nothing about how much of a guess was right.
    private static bool Matches(ReadOnlySpan<char> candidate, byte[] token)
    {
        Span<byte> bytes = stackalloc byte[64];
        return candidate.Length == token.Length
            && Encoding.ASCII.TryGetBytes(candidate, bytes, out var written)
            && CryptographicOperations.FixedTimeEquals(bytes[..written], token);
    }

    private static void MapEndpoints(RouteGroupBuilder api, ServeSession session)
    {
        api.MapGet("/status", () => HttpResults.Json(session.Status()));
        api.MapPost("/pause", () => Act(session, session.Pause));
        api.MapPost("/resume", () => Act(session, session.Resume));
        api.MapPost("/next", () => Act(session, session.NextPhase));
        api.MapPost("/phase/{phase}", (string phase) => Act(session, () => session.JumpTo(phase)));
        api.MapPost("/faults", async (HttpRequest request, CancellationToken ct) =>
        {
            if (await ReadBodyAsync(request, ct) is not { } body)
                return Problem(StatusCodes.Status413PayloadTooLarge, $"the body is over {LiveFaultRequest.MaxBytes} bytes, the most a fault takes");
            return Act(session, () => session.SwitchOn(LiveFaultRequest.Parse(body, session.Scenario)));
        });
        api.MapDelete("/faults", () => Act(session, session.ClearLiveFaults));
        api.MapPost("/stop", () => Act(session, session.RequestStop));
        // Statuspage-style documents per provider: GET /__chaoskit/TOKEN/status-pages/{provider}/api/v2/summary.json.
        session.StatusPages.MapTo(api, "/status-pages");
    }

    // The whole body, or null past the limit (a body sent in chunks has no Content-Length for the guard to check).
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        var buffer = new byte[LiveFaultRequest.MaxBytes + 1];
        var length = 0;
        try
        {
            int read;
            while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), ct)) > 0) length += read;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        return length > LiveFaultRequest.MaxBytes ? null : buffer[..length];
    }

    // Every command answers with the status after it, or 400 and one line saying what was wrong.
    private static IResult Act(ServeSession session, Action command)
    {
        try
        {
            command();
            return HttpResults.Json(session.Status());
        }
        catch (ScenarioException e)
        {
            return Problem(StatusCodes.Status400BadRequest, LiveFaultRequest.Describe(e));
        }
        catch (ArgumentException e)
        {
            return Problem(StatusCodes.Status400BadRequest, e.Message.Split(" (Parameter", 2)[0]);
        }
    }

    private static IResult Problem(int status, string message) =>
        HttpResults.Json(new Dictionary<string, string> { ["error"] = message }, statusCode: status);
}
