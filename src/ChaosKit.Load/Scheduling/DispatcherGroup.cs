namespace ChaosKit.Load.Scheduling;

/// <summary>
/// Several dispatchers run side by side (one per workflow, each on its own profile) and reported as one: counts are
/// summed, lags and peaks are the largest of any.
/// </summary>
internal sealed class DispatcherGroup : ILoadDispatcher
{
    private readonly ILoadDispatcher[] _members;

    /// <summary>Groups <paramref name="members"/>; nothing runs until <see cref="RunAsync"/>.</summary>
    public DispatcherGroup(IReadOnlyList<ILoadDispatcher> members)
    {
        _members = [.. members];
        Drained = Task.WhenAll(_members.Select(m => m.Drained));
    }

    /// <inheritdoc />
    public long Arrived => _members.Sum(m => m.Arrived);

    /// <inheritdoc />
    public int InFlight => _members.Sum(m => m.InFlight);

    /// <inheritdoc />
    public int PeakInFlight => _members.Max(m => m.PeakInFlight);

    /// <inheritdoc />
    public long LateArrivals => _members.Sum(m => m.LateArrivals);

    /// <inheritdoc />
    public TimeSpan MaxLag => _members.Max(m => m.MaxLag);

    /// <inheritdoc />
    public long OverCapStarts => _members.Sum(m => m.OverCapStarts);

    /// <inheritdoc />
    public Task Drained { get; }

    /// <inheritdoc />
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(_members.Select(m => m.RunAsync(cancellationToken))).ConfigureAwait(false);
        return results.All(completed => completed);
    }
}
