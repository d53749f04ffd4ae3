using ChaosKit.Fakes.Hosting;

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

    private readonly LoopbackApp _app;

    private StatusPageServer(LoopbackApp app)
    {
        _app = app;
        BaseUrl = new Uri($"http://127.0.0.1:{app.Port}{PathPrefix}");
    }

    /// <summary>E.g. <c>http://127.0.0.1:5123/status-pages</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Starts serving <paramref name="pages"/> on a free port of 127.0.0.1.</summary>
    public static async Task<StatusPageServer> StartAsync(StatusPages pages, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(pages);
        return new StatusPageServer(await LoopbackApp.StartAsync(0, app => pages.MapTo(app, PathPrefix), ct));
    }

    /// <summary>The page of <paramref name="provider"/>, e.g. <c>http://127.0.0.1:5123/status-pages/claude</c>; append <c>/api/v2/status.json</c>.</summary>
    public Uri PageOf(string provider) => new($"{BaseUrl}/{Uri.EscapeDataString(provider)}");

    /// <summary>Stops serving.</summary>
    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
