using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChaosKit.Fakes.Hosting;

/// <summary>
/// A small web app on 127.0.0.1 for ChaosKit's own endpoints beside the fakes (the status pages, <c>serve</c>'s control
/// surface): no logging, and any peer that is not loopback refused with 403, as a second guard behind the binding.
/// </summary>
public sealed class LoopbackApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackApp(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    /// <summary>The port it listens on (the free one it was given when asked for port 0).</summary>
    public int Port { get; }

    /// <summary>Starts an app on 127.0.0.1:<paramref name="port"/> (0 for a free port) with the endpoints <paramref name="map"/> adds.</summary>
    /// <exception cref="IOException">The port is in use.</exception>
    public static async Task<LoopbackApp> StartAsync(int port, Action<WebApplication> map, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (context.Connection.RemoteIpAddress is { } remote && !IPAddress.IsLoopback(remote))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }
            await next(context);
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

    /// <summary>Stops listening.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
