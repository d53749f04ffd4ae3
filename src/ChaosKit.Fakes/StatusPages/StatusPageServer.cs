using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChaosKit.Fakes.StatusPages;

/// <summary>
/// Serves the providers' fake status pages on their own loopback port during <c>chaoskit run</c>, at
/// <c>/status-pages/{provider}/api/v2/status.json</c> (and <c>summary.json</c>, <c>incidents/unresolved.json</c>),
/// so a target's status-page poller has something to poll. Its own port, not the fakes': a real status page is
/// hosted apart from the API, and stays up while <c>connection_refused</c> closes the provider's port.
/// </summary>
public sealed class StatusPageServer : IAsyncDisposable
{
    /// <summary>The path under which each provider's page lives.</summary>
    public const string PathPrefix = "/status-pages";

    private readonly WebApplication _app;

    private StatusPageServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>E.g. <c>http://127.0.0.1:5123/status-pages</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Starts serving <paramref name="pages"/> on a free port of 127.0.0.1.</summary>
    public static async Task<StatusPageServer> StartAsync(StatusPages pages, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(pages);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet(PathPrefix + "/{provider}/{**path}", (string provider, string path) =>
            pages.TryRender(provider, path) is { } body
                ? Results.Bytes(body, "application/json; charset=utf-8")
                : Results.NotFound());
        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        var port = new Uri(app.Urls.First()).Port;
        return new StatusPageServer(app, new Uri($"http://127.0.0.1:{port}{PathPrefix}"));
    }

    /// <summary>The page of <paramref name="provider"/>, e.g. <c>http://127.0.0.1:5123/status-pages/claude</c>; append <c>/api/v2/status.json</c>.</summary>
    public Uri PageOf(string provider) => new($"{BaseUrl}/{Uri.EscapeDataString(provider)}");

    /// <summary>Stops serving.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
