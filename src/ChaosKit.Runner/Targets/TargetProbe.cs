using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ChaosKit.Runner.Targets;

/// <summary>
/// Asks a target whether it answers: a real HTTP GET to its base URL (or its <c>target.health_path</c>) that must get a
/// response within the timeout. Any status counts, redirects and errors included: during an outage an app's health
/// check may well report it unhealthy, and that is what a rehearsal measures; only silence means the app is gone. A
/// TCP connect is not enough: a port that accepts and never answers is as dead as a closed one.
/// </summary>
internal sealed class TargetProbe : IDisposable
{
    private readonly HttpClient _http;

    /// <summary>A probe of <paramref name="url"/> that waits <paramref name="timeout"/> for an answer.</summary>
    public TargetProbe(Uri url, TimeSpan timeout)
    {
        Url = url;
        Timeout = timeout;
        // Its own connections, apart from the load's, so a saturated load cannot starve the probe.
        _http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        }, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    /// <summary>The URL asked.</summary>
    public Uri Url { get; }

    /// <summary>How long an answer may take.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The URL a target at <paramref name="baseUrl"/> is probed at: <paramref name="healthPath"/> on it, or the base URL itself.</summary>
    public static Uri UrlFor(Uri baseUrl, string? healthPath) => healthPath is null ? baseUrl : new Uri(baseUrl, healthPath);

    /// <summary>Asks once.</summary>
    /// <returns><see langword="null"/> when the target answered; otherwise why not, e.g. <c>ConnectionRefused</c> or <c>no HTTP answer within 5s</c>.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public async Task<string?> MissAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        try
        {
            // Headers are the answer; the body is not read.
            using var response = await _http.GetAsync(Url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return null;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return string.Create(CultureInfo.InvariantCulture, $"no HTTP answer within {Timeout.TotalSeconds:0.#}s");
        }
        catch (HttpRequestException e)
        {
            return e.InnerException is SocketException socket ? socket.SocketErrorCode.ToString()
                : e.HttpRequestError != HttpRequestError.Unknown ? e.HttpRequestError.ToString()
                : e.Message;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
