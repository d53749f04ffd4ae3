using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ChaosKit.Cli.Tests;

/// <summary>
/// The smallest OTLP/HTTP collector: listens on 127.0.0.1, keeps every body POSTed to it (with its path and content
/// type) and answers 200 with an empty protobuf response, as a collector that accepted everything does.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private const int MaxRequests = 1_000;
    private const int MaxBodyBytes = 16 << 20;

    private readonly HttpListener _listener;
    private readonly Task _serving;

    private OtlpReceiver(HttpListener listener, int port)
    {
        _listener = listener;
        Endpoint = $"http://127.0.0.1:{port}";
        _serving = ServeAsync();
    }

    /// <summary>What <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> should say: the base URL, to which the exporter adds <c>/v1/traces</c> and <c>/v1/metrics</c>.</summary>
    public string Endpoint { get; }

    /// <summary>Every request received, in order.</summary>
    public ConcurrentQueue<(string Path, string? ContentType, byte[] Body)> Received { get; } = new();

    /// <summary>The bodies POSTed to <paramref name="path"/>.</summary>
    public IReadOnlyList<byte[]> BodiesAt(string path) => [.. Received.Where(r => r.Path == path).Select(r => r.Body)];

    public static OtlpReceiver Start()
    {
        // A free port can be taken between finding it and listening on it; try a few.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new OtlpReceiver(listener, port);
            }
            catch (HttpListenerException) when (attempt < 3)
            {
                listener.Close();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _serving;
        _listener.Close();
    }

    private async Task ServeAsync()
    {
        for (var i = 0; i < MaxRequests && _listener.IsListening; i++)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            if (body.Length <= MaxBodyBytes) Received.Enqueue((context.Request.Url!.AbsolutePath, context.Request.ContentType, body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.ContentLength64 = 0;
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
