using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace ChaosKit.Fakes.Hosting;

/// <summary>
/// A small web app on 127.0.0.1 for ChaosKit's own endpoints beside the fakes (the status pages, <c>serve</c>'s control
/// surface): no logging, and every request checked before any endpoint sees it. A peer that is not loopback, or a
/// <c>Host</c> that is not (a web page reaching the port through DNS rebinding), is refused with 403; so are, by its
/// <see cref="LoopbackRules"/>, a body too big (413), not JSON (415) or sent by another site's page (403). Each
/// refusal is a one-line JSON reason, <c>{"error":"..."}</c>.
/// </summary>
public sealed class LoopbackApp : IAsyncDisposable
{
    // A body over the limit but under this is read and dropped before the refusal, so the client, still sending it,
    // gets the answer rather than a reset connection; a bigger one is refused at once and the connection closed.
    private const int DrainBytes = 1 << 20;

    private readonly WebApplication _app;

    private LoopbackApp(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    /// <summary>The port it listens on (the free one it was given when asked for port 0).</summary>
    public int Port { get; }

    /// <summary>Starts a read-only app (<see cref="LoopbackRules.ReadOnly"/>) on 127.0.0.1:<paramref name="port"/> (0 for a free port) with the endpoints <paramref name="map"/> adds.</summary>
    /// <exception cref="IOException">The port is in use.</exception>
    public static Task<LoopbackApp> StartAsync(int port, Action<WebApplication> map, CancellationToken ct = default) =>
        StartAsync(port, LoopbackRules.ReadOnly, map, ct);

    /// <summary>Starts an app on 127.0.0.1:<paramref name="port"/> (0 for a free port) that lets in what <paramref name="rules"/> allow, with the endpoints <paramref name="map"/> adds.</summary>
    /// <exception cref="IOException">The port is in use.</exception>
    public static async Task<LoopbackApp> StartAsync(int port, LoopbackRules rules, Action<WebApplication> map, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(map);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            // Endpoints read at most MaxBodyBytes; Kestrel reads on to drain a refused body, never further.
            kestrel.Limits.MaxRequestBodySize = Math.Max(rules.MaxBodyBytes, DrainBytes);
        });
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (Refusal(context, rules) is not { } refusal)
            {
                await next(context);
                return;
            }
            if (context.Request.ContentLength is > DrainBytes) context.Response.Headers.Connection = "close";
            else await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            await WriteErrorAsync(context, refusal.Status, refusal.Reason);
        });
        map(app);
        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return new LoopbackApp(app, new Uri(app.Urls.First()).Port);
    }

    /// <summary>Answers <paramref name="status"/> with <c>{"error": reason}</c>, the one shape every refusal of a loopback app takes.</summary>
    public static Task WriteErrorAsync(HttpContext context, int status, string reason)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new Dictionary<string, string> { ["error"] = reason });
    }

    /// <summary>True for a host name that can only mean this machine: <c>localhost</c> or a loopback address.</summary>
    public static bool IsLoopbackHost(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.AsSpan().Trim("[]"), out var address) && IPAddress.IsLoopback(address));

    /// <summary>Stops listening.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private static (int Status, string Reason)? Refusal(HttpContext context, LoopbackRules rules)
    {
        if (context.Connection.RemoteIpAddress is { } remote && !IPAddress.IsLoopback(remote))
            return (StatusCodes.Status403Forbidden, "only this machine may call ChaosKit's loopback endpoints");
        // A browser always sends Host; a page that resolved its own name to 127.0.0.1 (DNS rebinding) sends that name.
        var host = context.Request.Host;
        if (host.HasValue && !IsLoopbackHost(host.Host))
            return (StatusCodes.Status403Forbidden,
                $"Host '{OneLine(host.Value)}' is not this machine; call 127.0.0.1, localhost or [::1] (a guard against DNS rebinding)");
        if (rules.RefuseForeignOrigin && ForeignOrigin(context) is { } origin)
            return (StatusCodes.Status403Forbidden,
                $"a request sent by a web page ({OneLine(origin)}) is refused; call it from a script, a test or curl");
        if (context.Request.ContentLength > rules.MaxBodyBytes)
            return (StatusCodes.Status413PayloadTooLarge, rules.MaxBodyBytes == 0
                ? "this endpoint takes no request body"
                : $"the body holds {context.Request.ContentLength} bytes; at most {rules.MaxBodyBytes} are accepted");
        if (rules.JsonBodiesOnly && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true
            && !IsJson(context.Request.ContentType))
            return (StatusCodes.Status415UnsupportedMediaType,
                $"the body is {(context.Request.ContentType is { Length: > 0 } type ? $"'{OneLine(type)}'" : "untyped")}; send it as application/json (-H 'content-type: application/json')");
        return null;
    }

    // The page's origin when another site sent the request; null for scripts (no Origin) and for this app's own origin.
    private static string? ForeignOrigin(HttpContext context)
    {
        var headers = context.Request.Headers;
        var site = headers["Sec-Fetch-Site"].ToString();
        if (site is "cross-site" or "same-site") return headers.Origin.ToString() is { Length: > 0 } o ? o : $"Sec-Fetch-Site: {site}";
        var origin = headers.Origin.ToString();
        if (origin.Length == 0) return null;
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp
            && IsLoopbackHost(uri.Host) && uri.Port == context.Connection.LocalPort
            ? null
            : origin;
    }

    // Stricter than a fake's body check: a control body must say it is application/json.
    private static bool IsJson(string? contentType) =>
        contentType is not null && BodyProblem.MediaTypeOf(contentType).Equals("application/json", StringComparison.OrdinalIgnoreCase);

    private static string OneLine(string text) => text.Length > 200 || text.Any(char.IsControl)
        ? string.Concat(text.Take(200).Select(c => char.IsControl(c) ? '?' : c))
        : text;
}
