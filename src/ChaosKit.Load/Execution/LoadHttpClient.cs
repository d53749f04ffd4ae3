using System.Net;

namespace ChaosKit.Load.Execution;

/// <summary>The one HTTP client a run shares across all iterations.</summary>
internal static class LoadHttpClient
{
    /// <summary>
    /// A client over <paramref name="handler"/>, or over a <see cref="SocketsHttpHandler"/> set up for load:
    /// no proxy, no decompression, no cookies shared between virtual users, no redirects followed,
    /// connections unlimited (the concurrency cap is the limit) and recycled every few minutes.
    /// The client's own timeout is off; each iteration enforces the scenario's timeout on the run clock.
    /// </summary>
    public static HttpClient Create(HttpMessageHandler? handler, TimeSpan connectTimeout)
    {
        if (handler is not null)
            return new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

        var sockets = new SocketsHttpHandler
        {
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = connectTimeout,
        };
        return new HttpClient(sockets, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
