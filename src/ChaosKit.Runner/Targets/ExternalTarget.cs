using System.Globalization;

namespace ChaosKit.Runner.Targets;

/// <summary>
/// An application the user runs themselves. ChaosKit checks that it answers HTTP before the run starts, then probes it
/// throughout (<see cref="TargetProbe"/>): a target that misses <see cref="MissesToDie"/> probes in a row is dead, and
/// <see cref="Died"/> says so, so the run stops rather than measuring a corpse.
/// </summary>
public sealed class ExternalTarget : ITarget
{
    /// <summary>How long the readiness check and each probe wait for an answer.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How often the target is probed during the run.</summary>
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(1);

    /// <summary>Probes in a row that get no answer before the target counts as dead.</summary>
    public const int MissesToDie = 3;

    private readonly TargetProbe _probe;
    private readonly TaskCompletionSource<TargetDeath> _died = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;

    private ExternalTarget(Uri baseUrl, TargetProbe probe)
    {
        BaseUrl = baseUrl;
        _probe = probe;
        _watching = WatchAsync(_stop.Token);
    }

    /// <inheritdoc />
    public Uri BaseUrl { get; }

    /// <inheritdoc />
    public bool IsBundled => false;

    /// <inheritdoc />
    public Task<TargetDeath> Died => _died.Task;

    /// <summary>
    /// Asks <paramref name="baseUrl"/> (or <paramref name="healthPath"/> on it) once with a real HTTP request, so a
    /// target that is down, or that accepts connections and never answers, fails fast with a clear message; then
    /// watches it until disposed.
    /// </summary>
    /// <param name="baseUrl">Where the app runs.</param>
    /// <param name="healthPath">A cheap path to probe (<c>target.health_path</c>), or <see langword="null"/> for the base URL.</param>
    /// <param name="ct">Cancels the check.</param>
    /// <exception cref="HarnessException">The target did not answer.</exception>
    public static async Task<ExternalTarget> ConnectAsync(Uri baseUrl, string? healthPath, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var probe = new TargetProbe(TargetProbe.UrlFor(baseUrl, healthPath), ProbeTimeout);
        string? miss;
        try
        {
            miss = await probe.MissAsync(ct);
        }
        catch
        {
            probe.Dispose();
            throw;
        }
        if (miss is null) return new ExternalTarget(baseUrl, probe);
        probe.Dispose();
        throw new HarnessException(
            $"target {baseUrl} is unreachable ({miss}); start your app there, or fix target.url / --target-url");
    }

    private async Task WatchAsync(CancellationToken stop)
    {
        try
        {
            using var timer = new PeriodicTimer(ProbeInterval);
            var misses = 0;
            var firstMiss = DateTimeOffset.MinValue;
            while (await timer.WaitForNextTickAsync(stop))
            {
                var askedAt = DateTimeOffset.UtcNow;
                if (await _probe.MissAsync(stop) is not { } why)
                {
                    misses = 0;
                    continue;
                }
                if (misses++ == 0) firstMiss = askedAt;
                if (misses < MissesToDie) continue;
                _died.TrySetResult(new TargetDeath(firstMiss, string.Create(CultureInfo.InvariantCulture,
                    $"target {BaseUrl} stopped answering: GET {_probe.Url} got no answer {misses} times in a row ({why})"))
                {
                    MissedProbes = misses,
                });
                return;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposed: the run is over.
        }
    }

    /// <summary>Stops watching.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        _stop.Dispose();
        _probe.Dispose();
    }
}
