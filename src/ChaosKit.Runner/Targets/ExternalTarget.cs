using System.Net.Sockets;

namespace ChaosKit.Runner.Targets;

/// <summary>An application the user runs themselves; ChaosKit only checks that it answers before the run starts.</summary>
public sealed class ExternalTarget : ITarget
{
    private ExternalTarget(Uri baseUrl) => BaseUrl = baseUrl;

    /// <inheritdoc />
    public Uri BaseUrl { get; }

    /// <inheritdoc />
    public bool IsBundled => false;

    /// <inheritdoc />
    // A process ChaosKit did not start cannot be watched; a dead target shows up as connection errors in the results.
    public Task<TargetDeath> Died { get; } = new TaskCompletionSource<TargetDeath>().Task;

    /// <summary>Connects to <paramref name="baseUrl"/> once, so an unreachable target fails fast with a clear message.</summary>
    public static async Task<ExternalTarget> ConnectAsync(Uri baseUrl, CancellationToken ct)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await client.ConnectAsync(baseUrl.Host, baseUrl.Port, timeout.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            var why = e is SocketException s ? s.SocketErrorCode.ToString() : "no answer within 5s";
            throw new HarnessException(
                $"target {baseUrl} is unreachable ({why}); start your app there, or fix target.url / --target-url");
        }
        return new ExternalTarget(baseUrl);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
