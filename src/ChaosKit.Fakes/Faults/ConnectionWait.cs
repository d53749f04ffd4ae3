namespace ChaosKit.Fakes.Faults;

/// <summary>The wait of faults that never answer: a timer with no end, ended only by the call's token.</summary>
internal static class ConnectionWait
{
    /// <summary>Completes (by throwing <see cref="OperationCanceledException"/>) when <paramref name="ct"/> fires.</summary>
    public static async Task UntilCancelledAsync(TimeProvider time, CancellationToken ct)
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, time, ct);
        // Unreachable: an infinite delay only ends by cancellation.
        ct.ThrowIfCancellationRequested();
    }
}
