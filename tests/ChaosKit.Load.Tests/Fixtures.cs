using System.Net;
using System.Net.Sockets;
using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;

namespace ChaosKit.Load.Tests;

internal static class Fixtures
{
    public static RequestTemplate Get(string path, object? json = null, IReadOnlyDictionary<string, string>? headers = null, string method = "GET") =>
        new(method, path, headers ?? new Dictionary<string, string>(), json, SourceLocation.None);

    public static LoadSpec Spec(double rate, string path, int maxConcurrency = 100, double timeoutSeconds = 5, FallbackMarker? fallback = null, RequestTemplate? request = null) =>
        new(rate, maxConcurrency, TimeSpan.FromSeconds(timeoutSeconds), request ?? Get(path), fallback, SourceLocation.None);

    public static RunClock Clock(TimeProvider? time = null, params (string Name, double Seconds)[] phases) =>
        new(new RunTimeline([.. phases.Select(p => new PhaseSpec(p.Name, TimeSpan.FromSeconds(p.Seconds), [], SourceLocation.None))]), time);

    public static RunClock Clock(double seconds) => Clock(null, ("only", seconds));

    /// <summary>A timeline of one phase of <paramref name="scenarioSeconds"/>, run at <paramref name="timeScale"/>.</summary>
    public static RunTimeline Timeline(double scenarioSeconds, double timeScale = 1.0) =>
        new([new PhaseSpec("only", TimeSpan.FromSeconds(scenarioSeconds), [], SourceLocation.None)], timeScale);

    /// <summary>A loopback port nothing listens on (bound and released at once).</summary>
    public static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>
/// Real time, except that one short timer created after <c>after</c> fires <c>stall</c> late: the load generator
/// "pauses" once (as a GC pause or a starved thread pool would), while the target stays fast.
/// </summary>
internal sealed class StallOnceTimeProvider(TimeSpan after, TimeSpan stall) : TimeProvider
{
    private readonly long _created = global::System.Diagnostics.Stopwatch.GetTimestamp();
    private int _stalled;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime > TimeSpan.Zero && dueTime < TimeSpan.FromMilliseconds(200)
            && GetElapsedTime(_created) >= after && Interlocked.Exchange(ref _stalled, 1) == 0)
        {
            dueTime += stall;
        }
        return base.CreateTimer(callback, state, dueTime, period);
    }
}
